#!/usr/bin/env bash
# models/train_tagger.sh: rebuild models/tagger.bin (run by `make model`, after
# the embeddings, whose word classes the tagger uses).
#
# Reproducible: the CRF trainer (L-BFGS) is deterministic.  Needs ../shared/data
# (or SENTIMEN_DATA).  For trials: TAGGER_DATA (a corpus list in the format of
# models/tagger.data) and TAGGER_OUT (another output file) override the
# defaults, and arguments are passed on to ner-train (--l2 X, --prune X).
set -euo pipefail
cd "$(dirname "$0")/.."
source test/data_dir.sh
[ -d "$DATA/entities" ] || { echo "train_tagger: no data at $DATA (set SENTIMEN_DATA)" >&2; exit 1; }
lines() { grep -v '^\s*#' "$1" | sed '/^\s*$/d'; }

args=()
while read -r opt val; do
    case "$opt" in
        --gazetteer) args+=(--gazetteer "$DATA/$val") ;;
        *) args+=("$opt" ${val:+"$val"}) ;;
    esac
done < <(lines models/tagger.args)
out=${TAGGER_OUT:-models/tagger.bin}
mapfile -t files < <(lines "${TAGGER_DATA:-models/tagger.data}" | sed "s#^#$DATA/#")
./bin/sentimen --embeddings models/embeddings.bin ner-train "${args[@]}" "$@" \
    --out "$out.new" "${files[@]}"
mv "$out.new" "$out"
sha256sum "$out"
