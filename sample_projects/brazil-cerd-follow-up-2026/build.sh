#!/usr/bin/env bash
# Rebuild this sample project from the real documents, as an author would with drafter.
#
#   sample_projects/brazil-cerd-follow-up-2026/build.sh [OUT_DIR]
#
# A follow-up submission to CERD on Brazil: the concluding observations CERD/C/BRA/CO/18-20
# (imported from the PDF, as a user downloads them), the State party's follow-up reply
# CERD/C/BRA/FCO/18-20 as its claims, and the OHCHR compilation for the Universal Periodic Review
# A/HRC/WG.6/41/BRA/2 as prior concerns. The documents come from the repository's
# tests/corpus/cerd-brazil-2022 (see its README). The result
# (drafter.toml, sources/, .gitignore) replaces the one in OUT_DIR, by default this folder.
# Run it again after a change to the project format and commit the result.
set -euo pipefail
# CORPUS: the documents; PROJECT: the project, built in a scratch folder WORK; OUT: where it goes.
source "$(dirname "${BASH_SOURCE[0]}")/../_lib.sh"
sample_start cerd-brazil-2022 "$@"

drafter new "$PROJECT" --template cerd-follow-up --committee CERD --state Brazil \
    --title "Follow-up submission on the implementation of CERD/C/BRA/CO/18-20 (sample project)"
drafter import "$PROJECT" "$CORPUS/CERD_C_BRA_CO_18-20.pdf" --as concluding-observations
drafter import "$PROJECT" "$CORPUS/CERD_C_BRA_FCO_18-20.pdf" --as state-report
drafter import "$PROJECT" "$CORPUS/A_HRC_WG.6_41_BRA_2.pdf" --as compilation

# Example commentary, written with the same commands a script or a coalition member would use.
# Every statement quotes or cites an imported document; the assessments illustrate the
# Committee's scale and are not findings of any organisation.
cat > "$WORK/executive_summary.md" <<'MARKDOWN'
Example: this sample project shows how drafter is used for a follow-up submission. It covers the four recommendations that paragraph 68 of CERD/C/BRA/CO/18-20 selects for follow-up and compares them with the State party's reply, CERD/C/BRA/FCO/18-20. The commentary quotes and cites only the documents imported into the project; the assessments illustrate the Committee's follow-up categories and are not findings.
MARKDOWN
# The cover: the submission date is the day the author sends the report, set by the author.
drafter metadata "$PROJECT" \
    --organisation 'Example organisation (sample project);;;lead' \
    --set short_title='Follow-up on CERD/C/BRA/CO/18-20 (sample)' \
    --set submitted=2026-03-02 \
    --front executive_summary="$WORK/executive_summary.md" >/dev/null
# Names and terms the English dictionary does not know, so the spelling check flags only typos.
drafter words add "$PROJECT" Quilombola Quilombolas 'Bolsa Família' interinstitutional \
    longstanding >/dev/null
drafter entry "$PROJECT" --paragraph 17 \
    --assessment partially-satisfactory \
    --author 'Example organisation (sample project)' \
    --question 'Which measures protect Afro-Brazilians, Indigenous Peoples, Quilombolas and non-citizens on an equal basis in future public health emergencies, and how were the communities most affected by the COVID-19 pandemic consulted?' \
    --recommendation 'Report on the measures taken under paragraph 17 (a) on the COVID-19 pandemic and future public health emergencies, including vaccination.' \
    --commentary-file - >/dev/null <<'MARKDOWN'
Example: paragraph 17 (a) asks the State party to protect Afro-Brazilians, Indigenous Peoples, Quilombolas and non-citizens, on an equal basis, from the COVID-19 pandemic and future public health emergencies, including by ensuring that they "are and remain fully vaccinated" [@cerd-c-bra-co-18-20:17(a)].

The reply's information relating to paragraph 17 (a) describes the National Policy for Comprehensive Health of the Quilombola Population [@cerd-c-bra-fco-18-20:8] and the Anti-Racist Health Strategy established by Ordinance GM/MS No. 2,198 [@cerd-c-bra-fco-18-20:9]. That section does not mention the COVID-19 pandemic, vaccination or public health emergencies.

The OHCHR compilation records the United Nations country team's report that the pandemic "caused a significant increase in the number of maternal deaths" [@a-hrc-wg.6-41-bra-2:40].
MARKDOWN
drafter entry "$PROJECT" --paragraph 19 \
    --assessment satisfactory \
    --author 'Example organisation (sample project)' \
    --question 'How does Law No. 14,723/23 facilitate access to university for Afro-Brazilians and Indigenous Peoples facing intersectional forms of discrimination, including those with disabilities?' \
    --commentary-file - >/dev/null <<'MARKDOWN'
Example: paragraph 19 (c) asks the State party to renew the system of quotas for places at higher educational institutions and to use the 10-year review to strengthen it [@cerd-c-bra-co-18-20:19(c)]. The State party reports Law No. 14,723/23, which "updates the Quotas Law in federal education" [@cerd-c-bra-fco-18-20:15], includes quilombola students among the beneficiaries, gives quota students priority for student aid and extends affirmative action to graduate studies [@cerd-c-bra-fco-18-20:16].
MARKDOWN
drafter entry "$PROJECT" --paragraph 23 \
    --assessment no-information \
    --author 'Example organisation (sample project)' \
    --question 'What were the rates of poverty and extreme poverty among Afro-Brazilians, Indigenous Peoples and Quilombolas each year since 2022?' \
    --recommendation 'Publish poverty data disaggregated by race and ethnicity, so that the effect of the cash transfer programmes can be assessed.' \
    --commentary-file - >/dev/null <<'MARKDOWN'
Example: paragraph 23 (a) asks the State party to take all necessary and effective steps to eradicate poverty among Afro-Brazilians, Indigenous Peoples and Quilombolas, including by ensuring that effective and sufficient cash transfer programmes are in place [@cerd-c-bra-co-18-20:23(a)]. The State party reports that the number of Indigenous and quilombola beneficiaries of the Bolsa Família Program "has increased by 30% since January 2023" [@cerd-c-bra-fco-18-20:18] and that 36.67 million Black people were served in August 2025, 73.27 per cent of the beneficiaries that month [@cerd-c-bra-fco-18-20:19].

These figures count beneficiaries. The reply gives no figures on poverty among the groups the recommendation names.
MARKDOWN
drafter entry "$PROJECT" --paragraph 36 \
    --assessment partially-satisfactory \
    --author 'Example organisation (sample project)' \
    --question 'Which measures has the State party taken to demilitarize law enforcement activities, as paragraph 36 (a) recommends, and on what timetable?' \
    --question 'Of the 21 states that formalized Terms of Adherence to the National Project for the Qualification of the Use of Force, how many have incorporated Decree No. 12,341/2024 into their regulations?' \
    --recommendation 'Set out the measures and the timetable for the demilitarization of law enforcement activities.' \
    --commentary-file - >/dev/null <<'MARKDOWN'
Example: on paragraph 36 (a), the demilitarization of law enforcement activities, the reply says that the discussion "is broad and interinstitutional in scope" and that the recommendations were taken into account in the formulation of public policies [@cerd-c-bra-fco-18-20:23]. On paragraph 36 (b) and (c) it reports Decree No. 12,341 of 2024, which prohibits the use of firearms against an unarmed person in flight except in situations of immediate risk of death or serious injury and establishes mandatory annual training on the use of force [@cerd-c-bra-fco-18-20:26], and Ordinance MJSP No. 855/2025, which requires less-lethal instruments to be made available to all professionals on duty [@cerd-c-bra-fco-18-20:27]. On paragraph 36 (d) it sets out the parameters of the Federal Supreme Court's judgment in ADPF 635 [@cerd-c-bra-fco-18-20:33].

The OHCHR compilation records the High Commissioner's concern at "a longstanding trend of unnecessary and disproportionate use of force by police" in predominantly Afro-Brazilian neighbourhoods [@a-hrc-wg.6-41-bra-2:11], and the concern of the Special Rapporteur on extrajudicial, summary or arbitrary executions "at the militarization of policing operations in Brazil" [@a-hrc-wg.6-41-bra-2:20].
MARKDOWN

drafter check "$PROJECT"

sample_finish
