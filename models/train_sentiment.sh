#!/usr/bin/env bash
# models/train_sentiment.sh: rebuild models/embeddings.bin and models/sentiment.bin
# (run by `make model`).
#
# Reproducible: both trainers are deterministic, so the same data, settings
# and code give the same bytes.  Needs ../shared/data (or SENTIMEN_DATA).
#   --skip-embeddings   keep models/embeddings.bin, retrain the classifier only
set -euo pipefail
cd "$(dirname "$0")/.."
source test/data_dir.sh
[ -d "$DATA/sentiment" ] || { echo "train_sentiment: no data at $DATA (set SENTIMEN_DATA)" >&2; exit 1; }
opts() { grep -v '^\s*#' "$1" | sed '/^\s*$/d' | tr ' ' '\n'; }
files() { grep -v '^\s*#' "$1" | sed '/^\s*$/d' | sed 's/^cv //' | sed "s#^#$DATA/#"; }

if [ "${1:-}" != --skip-embeddings ]; then
    mapfile -t eargs < <(opts models/embeddings.args)
    mapfile -t efiles < <(files models/embeddings.data)
    ./bin/sentimen embed "${eargs[@]}" --out models/embeddings.bin.new "${efiles[@]}"
    mv models/embeddings.bin.new models/embeddings.bin
    sha256sum models/embeddings.bin
fi

mapfile -t args < <(opts models/sentiment.args)
mapfile -t tfiles < <(files models/sentiment.data)
meta="sentimen default sentiment model; trained by models/train_sentiment.sh on $(grep -v '^\s*#' models/sentiment.data | sed '/^\s*$/d' | sed 's/^cv //' | tr '\n' ' ')"
# the classifier is trained against the embeddings just written
./bin/sentimen --embeddings models/embeddings.bin train "${args[@]}" --meta "$meta" \
    --out models/sentiment.bin "${tfiles[@]}"
sha256sum models/sentiment.bin
