#!/usr/bin/env bash
# models/train_tagger.sh: rebuild models/tagger.bin (run by `make model`, after
# the embeddings, whose word classes the tagger uses).
#
# Reproducible: the CRF trainer (L-BFGS) is deterministic.  Needs ../shared/data
# (or SENTIMEN_DATA).
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
mapfile -t files < <(lines models/tagger.data | sed "s#^#$DATA/#")
./bin/sentimen --embeddings models/embeddings.bin ner-train "${args[@]}" \
    --out models/tagger.bin.new "${files[@]}"
mv models/tagger.bin.new models/tagger.bin
sha256sum models/tagger.bin
