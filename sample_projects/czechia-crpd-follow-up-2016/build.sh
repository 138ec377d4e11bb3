#!/usr/bin/env bash
# Rebuild this sample project from the real documents, as an author would with drafter.
#
#   sample_projects/czechia-crpd-follow-up-2016/build.sh [OUT_DIR]
#
# A follow-up submission to the Committee on the Rights of Persons with Disabilities (CRPD) on
# Czechia: the concluding observations CRPD/C/CZE/CO/1 (2015), whose paragraph 66 asks for
# information within 12 months on paragraphs 32 (restraints in psychiatric institutions) and 37
# (sterilization without free and informed consent); the State party's follow-up information
# CRPD/C/CZE/CO/1/Add.1 (received on 23 August 2016), which answers them under "As for
# Recommendation No. 32" and "No. 37"; and its combined second and third periodic reports
# CRPD/C/CZE/2-3 (2026), which answer the list of issues prior to reporting and say what changed
# since (drafter suggests their paragraphs by similarity). All three are the OHCHR PDFs in the
# repository's tests/corpus/crpd (see its README). The result (drafter.toml, sources/,
# .gitignore) replaces the one in OUT_DIR, by default this folder. Run it again after a change to
# the project format and commit the result.
set -euo pipefail
# CORPUS: the documents; PROJECT: the project, built in a scratch folder WORK; OUT: where it goes.
source "$(dirname "${BASH_SOURCE[0]}")/../_lib.sh"
sample_start crpd "$@"

drafter new "$PROJECT" --template crpd-follow-up --committee CRPD --state Czechia \
    --title "Follow-up submission on the implementation of CRPD/C/CZE/CO/1 (sample project)"
drafter import "$PROJECT" "$CORPUS/CRPD_C_CZE_CO_1.pdf" --as concluding-observations
drafter import "$PROJECT" "$CORPUS/CRPD_C_CZE_CO_1_Add.1.pdf" --as state-report
drafter import "$PROJECT" "$CORPUS/CRPD_C_CZE_2-3.pdf" --as state-report

# Example commentary, written with the same commands a script or a coalition member would use.
# Every statement quotes or cites an imported document; the assessments illustrate the
# template's scale and are not findings of any organisation.
cat > "$WORK/executive_summary.md" <<'MARKDOWN'
Example: this sample project shows how drafter is used for a follow-up submission to the Committee on the Rights of Persons with Disabilities. It covers the two recommendations that paragraph 66 of CRPD/C/CZE/CO/1 selects for follow-up, on restraints in psychiatric institutions (paragraph 32) and on sterilization without free and informed consent (paragraph 37) [@crpd-c-cze-co-1:66], and compares them with the State party's follow-up information, CRPD/C/CZE/CO/1/Add.1, and with its combined second and third periodic reports, CRPD/C/CZE/2-3. The commentary quotes and cites only the documents imported into the project; the assessments illustrate the template's scale and are not findings.
MARKDOWN
# The cover: the submission date is the day the author sends the report, set by the author.
drafter metadata "$PROJECT" \
    --organisation 'Example organisation (sample project);;;lead' \
    --set short_title='Follow-up on CRPD/C/CZE/CO/1 (sample)' \
    --set submitted=2026-05-04 \
    --front executive_summary="$WORK/executive_summary.md" >/dev/null
# The paragraphs of the replies that the commentary discusses are pinned, so that the report
# quotes them rather than the first answers (the reply's general introduction to the topic); where
# the words that matter are not a paragraph's first sentence, the author chooses them (--quote
# pins too, and `drafter check` makes sure the source still says them).
drafter entry "$PROJECT" --paragraph 32 \
    --assessment not-implemented \
    --author 'Example organisation (sample project)' \
    --quote 'crpd-c-cze-co-1-add.1:27=The Czech Republic cannot prohibit their use in psychiatric institutions completely, as there are no alternative options in cases when it is necessary to avoid the immediate danger to life, health or safety of the patient or other persons.' \
    --pin crpd-c-cze-co-1-add.1:13 \
    --pin crpd-c-cze-2-3:113 \
    --question 'How many times were mechanical and chemical restraints used in psychiatric institutions each year since the central records of their use were introduced, by type of restraint?' \
    --question 'Which inspections of the use of restraints have the regional authorities carried out since 2016, and with what results?' \
    --recommendation 'Prohibit the use of mechanical and chemical restraints in psychiatric institutions on persons with psychosocial disabilities, as paragraph 32 recommends, and report on the timetable.' \
    --commentary-file - >/dev/null <<'MARKDOWN'
Example: paragraph 32 urges the State party "to immediately prohibit the use of mechanical and chemical restraints in psychiatric institutions on persons with psychosocial disabilities", and to strengthen the monitoring and inspection of those facilities [@crpd-c-cze-co-1:32]. The State party replies that it "cannot prohibit their use in psychiatric institutions completely" [@crpd-c-cze-co-1-add.1:27].

Instead the reply sets out the conditions of their use under the Act on Medical Services [@crpd-c-cze-co-1-add.1:7], an amendment under which restrictive means may be used only after a less strict procedure failed [@crpd-c-cze-co-1-add.1:13], central records of their use [@crpd-c-cze-co-1-add.1:14] and a new methodological instruction, to come into force "in the second half of 2016 at the latest" [@crpd-c-cze-co-1-add.1:19]. On inspection, it says that regional authorities mainly carry it out and that the new instruction "will be of use as a tool for such inspections" [@crpd-c-cze-co-1-add.1:22].

The combined second and third periodic reports state that the Ministry of Health issued the new methodological recommendation in 2018; it is binding for the hospitals the Ministry manages directly and a recommended procedure for other medical facilities [@crpd-c-cze-2-3:113].
MARKDOWN
drafter entry "$PROJECT" --paragraph 37 \
    --assessment partially-implemented \
    --author 'Example organisation (sample project)' \
    --pin crpd-c-cze-co-1-add.1:31 \
    --pin crpd-c-cze-co-1-add.1:54 \
    --quote 'crpd-c-cze-co-1-add.1:58=For the reasons stated above the Czech Republic does not consider an amendment to the Civil Code necessary or suitable.' \
    --quote 'crpd-c-cze-2-3:132=In this context, a group of deputies of the Parliament of the CR submitted a draft act on 27 September 2019 on the provision of a lump sum to sterilised persons.' \
    --question 'How many persons with disabilities were sterilized each year since 2012 with the approval of a court, and how many of them gave their own free and informed consent?' \
    --question 'What became of the draft act on a lump sum to sterilised persons submitted on 27 September 2019?' \
    --recommendation 'Provide remedies to the victims of forced sterilization, as paragraph 37 recommends, including a compensation scheme that does not depend on a civil action.' \
    --commentary-file - >/dev/null <<'MARKDOWN'
Example: paragraph 37 urges the State party "to abolish the practice of sterilization of persons with disabilities without their free and informed consent and to amend the Civil Code and the Health Care Act accordingly", and calls upon it to provide remedies to the victims of forced sterilization [@crpd-c-cze-co-1:37].

The reply states that a patient whose legal capacity is limited may be sterilized only for medical reasons and with the written approval of the patient's custodian, a positive statement of an expert committee and the approval of a court [@crpd-c-cze-co-1-add.1:31]. It concludes that "the Czech Republic largely fulfils the first part of the recommendation" [@crpd-c-cze-co-1-add.1:41] and that it "does not consider an amendment to the Civil Code necessary or suitable" [@crpd-c-cze-co-1-add.1:58].

On remedies, the reply says that the legal system "does not provide any special regulation" for the compensation of women who underwent involuntary sterilization, who may bring a general civil action [@crpd-c-cze-co-1-add.1:54]. The investigation of the 60 cases that the Public Defender of Rights passed to the Supreme Public Prosecutor's Office was terminated in all of them [@crpd-c-cze-co-1-add.1:46, 49]. The combined second and third periodic reports mention a draft act on the provision of a lump sum to sterilised persons, submitted by a group of deputies on 27 September 2019 [@crpd-c-cze-2-3:132].
MARKDOWN

drafter check "$PROJECT"

sample_finish
