#!/usr/bin/env bash
# Rebuild this sample project from the real documents, as an author would with drafter.
#
#   sample_projects/brazil-cerd-follow-up-2026/build.sh [OUT_DIR]
#
# A follow-up submission to CERD on Brazil: the concluding observations CERD/C/BRA/CO/18-20
# (imported from the PDF, as a user downloads them), the State party's follow-up reply
# CERD/C/BRA/FCO/18-20 as its claims, and the OHCHR compilation for the Universal Periodic Review
# A/HRC/WG.6/41/BRA/2 as prior concerns. The documents come from
# ../shared/corpus/cerd-brazil-2022 beside the clone (or under $DRAFTER_SHARED). The result
# (drafter.toml, sources/, .gitignore) replaces the one in OUT_DIR, by default this folder.
# Run it again after a change to the project format and commit the result.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
CORPUS="${DRAFTER_SHARED:-$REPO/../shared}/corpus/cerd-brazil-2022"
OUT="${1:-$HERE}"
[ -d "$CORPUS" ] || { echo "build.sh: no corpus at $CORPUS (set DRAFTER_SHARED)" >&2; exit 2; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
PROJECT="$WORK/brazil-cerd-follow-up-2026"

drafter new "$PROJECT" --template cerd-follow-up --committee CERD --state Brazil \
    --title "Follow-up submission on the implementation of CERD/C/BRA/CO/18-20 (sample project)"
drafter import "$PROJECT" "$CORPUS/CERD_C_BRA_CO_18-20.pdf" --as concluding-observations
drafter import "$PROJECT" "$CORPUS/CERD_C_BRA_FCO_18-20.pdf" --as state-report
drafter import "$PROJECT" "$CORPUS/A_HRC_WG.6_41_BRA_2.pdf" --as compilation

# Example commentary. drafter has no command that writes commentary (authors type it in
# `drafter open`), so it goes in through drafter's own project API; see scripts/example_entries.py.
python "$REPO/scripts/example_entries.py" "$PROJECT" "$HERE/examples.toml"

drafter check "$PROJECT"

rm -rf "$OUT/drafter.toml" "$OUT/sources" "$OUT/.gitignore"
mkdir -p "$OUT"
cp -r "$PROJECT/drafter.toml" "$PROJECT/sources" "$PROJECT/.gitignore" "$OUT/"
echo "Sample project written to $OUT"
