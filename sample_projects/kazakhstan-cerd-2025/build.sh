#!/usr/bin/env bash
# Rebuild this sample project from the real documents, as an author would with drafter.
#
#   sample_projects/kazakhstan-cerd-2025/build.sh [OUT_DIR]
#
# An alternative report to CERD on Kazakhstan's combined eleventh to fourteenth periodic reports
# (CERD/C/KAZ/11-14), written before the concluding observations CERD/C/KAZ/CO/8-10 are imported:
# the paragraphs to walk are placeholders derived from the State report's references.
# The documents come from the repository's tests/corpus/seeds (see its README). The result
# (drafter.toml, sources/, .gitignore) replaces the one in OUT_DIR, by default this folder.
# Run it again after a change to the project format and commit the result.
set -euo pipefail
# CORPUS: the documents; PROJECT: the project, built in a scratch folder WORK; OUT: where it goes.
source "$(dirname "${BASH_SOURCE[0]}")/../_lib.sh"
sample_start seeds "$@"

# The seeds carry content-hash names; give them the names an author would have saved them under,
# because a source's file name becomes its id in citations.
mkdir "$WORK/downloads"
cp "$CORPUS/002_f102eab446bbcedd.txt" "$WORK/downloads/CERD_C_KAZ_11-14.txt"
cp "$CORPUS/000_7fed273c5068c4d9.txt" "$WORK/downloads/CERD-follow-up-letter-2016.txt"
cp "$CORPUS/001_1079172b82c34549.txt" "$WORK/downloads/UPR-compilation-Kazakhstan.txt"
cp "$CORPUS/003_4e942972d8533948.txt" "$WORK/downloads/FIDH-UPR-statement-2010.txt"
cp "$CORPUS/004_4ec4ad4861dcfd1d.txt" "$WORK/downloads/FIDH-list-of-issues-CCPR.txt"
D="$WORK/downloads"

drafter new "$PROJECT" --template cerd-alternative-report --committee CERD --state Kazakhstan \
    --title "Alternative report on the combined eleventh to fourteenth periodic reports of Kazakhstan (sample project)"
# The State's claims.
drafter import "$PROJECT" "$D/CERD_C_KAZ_11-14.txt" --as state-report
# Prior concerns: the Committee's 2016 follow-up letter (cited by its reference) and the OHCHR
# compilation for the Universal Periodic Review.
drafter import "$PROJECT" "$D/CERD-follow-up-letter-2016.txt" --as committee-letter \
    --symbol "CERD/88th/FU/GH/FM/ks"
drafter import "$PROJECT" "$D/UPR-compilation-Kazakhstan.txt" --as compilation
# Evidence: two FIDH submissions. They have no UN symbol, so they are cited by author and title
# (in full the first time); the titles describe the documents as they present themselves.
drafter import "$PROJECT" "$D/FIDH-UPR-statement-2010.txt" --as evidence \
    --author 'International Federation for Human Rights (FIDH)' \
    --title 'Oral statement, item 6, universal periodic review of Kazakhstan' --date 2010-06-09
drafter import "$PROJECT" "$D/FIDH-list-of-issues-CCPR.txt" --as evidence \
    --author 'International Federation for Human Rights (FIDH)' \
    --title 'Kazakhstan: list of issues submitted to the Human Rights Committee'

# Example commentary, written with the same commands a script or a coalition member would use.
# Every statement quotes or cites an imported document; the assessments illustrate the
# Committee's scale and are not findings of any organisation.
cat > "$WORK/executive_summary.md" <<'MARKDOWN'
Example: this sample project shows how drafter is used before the concluding observations are imported. The paragraphs walked are placeholders derived from the references in the State party's report CERD/C/KAZ/11-14. The commentary quotes and cites only the documents imported into the project; the assessments illustrate the Committee's follow-up categories and are not findings.
MARKDOWN
cat > "$WORK/methodology.md" <<'MARKDOWN'
Example: the commentary compares what the State party reports with the Committee's 2016 follow-up letter, the OHCHR compilation prepared for the Universal Periodic Review and two FIDH submissions, each cited to the paragraph.
MARKDOWN
drafter metadata "$PROJECT" \
    --organisation 'Example organisation (sample project);;;lead' \
    --set short_title='Alternative report on CERD/C/KAZ/11-14 (sample)' \
    --set submitted=2026-07-20 \
    --front executive_summary="$WORK/executive_summary.md" \
    --front methodology="$WORK/methodology.md" >/dev/null
drafter entry "$PROJECT" --paragraph 40 \
    --assessment partially-satisfactory \
    --author 'Example organisation (sample project)' \
    --question 'When will the discussion on granting refugee status for at least three years conclude, and which amendments to the Refugees Act does it envisage?' \
    --question 'How many applications for refugee status were registered, granted and rejected each year from 2022 to 2025?' \
    --recommendation 'Amend the Refugees Act so that refugee status is granted for a period of at least three years.' \
    --commentary-file - >/dev/null <<'MARKDOWN'
Example: the State party reports that refugee status "is granted for a period of one year, renewable annually", that "there is currently no provision for granting the status for a period of at least three years", and that the matter is under discussion with UNHCR and international partners [@cerd-c-kaz-11-14:286]. It reports that 37 refugees were registered from 2022 to 2025 [@cerd-c-kaz-11-14:280].

The one-year term is not a new concern: FIDH asked whether the law on refugees would be amended "to provide refugee status for a period longer than one year" [@fidh-list-of-issues-ccpr:b22]. In 2016 the Committee reiterated its recommendation to establish a referral procedure for the Migration Police Departments and the Border Guard Service at all border points [@cerd-88th-fu-gh-fm-ks:b13]; the report now describes how asylum-seekers apply at State border crossing points [@cerd-c-kaz-11-14:281].
MARKDOWN
drafter entry "$PROJECT" --paragraph 42 \
    --assessment not-satisfactory \
    --author 'Example organisation (sample project)' \
    --question 'How do the 29,449 stateless persons registered since 2022 relate to the figure of about 7,000 stateless persons living in Kazakhstan on 1 September 2025?' \
    --recommendation 'Set a timetable for accession to the 1954 Convention relating to the Status of Stateless Persons and the 1961 Convention on the Reduction of Statelessness.' \
    --commentary-file - >/dev/null <<'MARKDOWN'
Example: the State party considers that accession to the 1954 Convention relating to the Status of Stateless Persons and the 1961 Convention on the Reduction of Statelessness "appears premature at the current time" [@cerd-c-kaz-11-14:309], after identifying "significant legal and political risks" [@cerd-c-kaz-11-14:308]. It reports that 29,449 stateless persons, including 1,154 children, were registered from 2022 to the end of August 2025 [@cerd-c-kaz-11-14:291], and that about 7,000 stateless persons were living in Kazakhstan on 1 September 2025 [@cerd-c-kaz-11-14:301].
MARKDOWN

drafter check "$PROJECT"

sample_finish
