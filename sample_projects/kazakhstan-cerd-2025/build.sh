#!/usr/bin/env bash
# Rebuild this sample project from the real documents, as an author would with drafter.
#
#   sample_projects/kazakhstan-cerd-2025/build.sh [OUT_DIR]
#
# An alternative report to CERD on Kazakhstan's combined eleventh to fourteenth periodic reports
# (CERD/C/KAZ/11-14), written before the concluding observations CERD/C/KAZ/CO/8-10 are imported:
# the paragraphs to walk are placeholders derived from the State report's references.
# The documents come from ../shared/seeds beside the clone (or $DRAFTER_SHARED/seeds). The result
# (drafter.toml, sources/, .gitignore) replaces the one in OUT_DIR, by default this folder.
# Run it again after a change to the project format and commit the result.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
SEEDS="${DRAFTER_SHARED:-$REPO/../shared}/seeds"
OUT="${1:-$HERE}"
[ -d "$SEEDS" ] || { echo "build.sh: no seeds at $SEEDS (set DRAFTER_SHARED)" >&2; exit 2; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
PROJECT="$WORK/kazakhstan-cerd-2025"

# The seeds carry content-hash names; give them the names an author would have saved them under,
# because a source's file name becomes its id in citations.
mkdir "$WORK/downloads"
cp "$SEEDS/002_f102eab446bbcedd.txt" "$WORK/downloads/CERD_C_KAZ_11-14.txt"
cp "$SEEDS/000_7fed273c5068c4d9.txt" "$WORK/downloads/CERD-follow-up-letter-2016.txt"
cp "$SEEDS/001_1079172b82c34549.txt" "$WORK/downloads/UPR-compilation-Kazakhstan.txt"
cp "$SEEDS/003_4e942972d8533948.txt" "$WORK/downloads/FIDH-UPR-statement-2010.txt"
cp "$SEEDS/004_4ec4ad4861dcfd1d.txt" "$WORK/downloads/FIDH-list-of-issues-CCPR.txt"
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
# Evidence: two FIDH submissions.
drafter import "$PROJECT" "$D/FIDH-UPR-statement-2010.txt" --as evidence
drafter import "$PROJECT" "$D/FIDH-list-of-issues-CCPR.txt" --as evidence

# Example commentary. drafter has no command that writes commentary (authors type it in
# `drafter open`), so it goes in through drafter's own project API; see scripts/example_entries.py.
python "$REPO/scripts/example_entries.py" "$PROJECT" "$HERE/examples.toml"

drafter check "$PROJECT"

rm -rf "$OUT/drafter.toml" "$OUT/sources" "$OUT/.gitignore"
mkdir -p "$OUT"
cp -r "$PROJECT/drafter.toml" "$PROJECT/sources" "$PROJECT/.gitignore" "$OUT/"
echo "Sample project written to $OUT"
