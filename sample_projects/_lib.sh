# Shared by the sample projects' build.sh (sourced, not run): where the documents are, a scratch
# folder to build the project in, and putting the result in place. Only plumbing: every drafter
# command stays in the build.sh, which reads as an author's session.
#
#   sample_start CORPUS_FOLDER [OUT_DIR]  sets CORPUS (tests/corpus/CORPUS_FOLDER), OUT (OUT_DIR,
#                                         by default the sample's folder), WORK (a scratch folder,
#                                         removed on exit) and PROJECT (in WORK, named as the sample)
#   sample_finish                         puts the project (drafter.toml, sources/, .gitignore) in
#                                         OUT, replacing what was there

sample_start() {
    local here repo
    here="$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)"
    repo="$(cd "$here/../.." && pwd)"
    CORPUS="$repo/tests/corpus/$1"
    OUT="${2:-$here}"
    [ -d "$CORPUS" ] || { echo "build.sh: no corpus at $CORPUS" >&2; exit 2; }
    WORK="$(mktemp -d)"
    trap 'rm -rf "$WORK"' EXIT
    PROJECT="$WORK/$(basename "$here")"
}

sample_finish() {
    rm -rf "$OUT/drafter.toml" "$OUT/sources" "$OUT/.gitignore"
    mkdir -p "$OUT"
    cp -r "$PROJECT/drafter.toml" "$PROJECT/sources" "$PROJECT/.gitignore" "$OUT/"
    echo "Sample project written to $OUT"
}
