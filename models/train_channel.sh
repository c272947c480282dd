#!/usr/bin/env bash
# models/train_channel.sh: rebuild models/channel.bin, the compiled-in channel
# model of sentimen_channel() (run by `make model`).
#
#   1. bin/channel-data maps each article's outlet label to a channel with the
#      reviewed table models/channel_map.tsv, removes near-duplicates, and
#      holds out 15 % (by id hash; a cluster of near-duplicates stays on one
#      side) of the licence-clean corpora of models/channel.data;
#   2. bin/sentimen train (the sentiment model's trainer) fits the model on the
#      training part with models/channel.args.
# Reproducible: the split and the trainer are deterministic (sha256 printed).
# The held-out part is scored by test/accuracy_channel.sh; models/channel.split
# records the checksums of the split the model was trained on.  Needs
# ../shared/data (or SENTIMEN_DATA).
#   --data-only DIR   write the split to DIR and stop (test/accuracy_channel.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
source test/data_dir.sh
[ -d "$DATA/news" ] || { echo "train_channel: no data at $DATA (set SENTIMEN_DATA)" >&2; exit 1; }
HOLDOUT=15

corpora=()
while read -r name path use _licence; do
    if [ "$use" = eval ]; then corpora+=("$name=$DATA/$path:eval"); else corpora+=("$name=$DATA/$path"); fi
done < <(grep -v '^\s*#' models/channel.data | sed '/^\s*$/d')

if [ "${1:-}" = --data-only ]; then
    mkdir -p "$2"
    ./bin/channel-data --map models/channel_map.tsv --holdout $HOLDOUT --out-dir "$2" "${corpora[@]}"
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
./bin/channel-data --map models/channel_map.tsv --holdout $HOLDOUT --out-dir "$tmp" "${corpora[@]}"
cat "$tmp/stats.txt"
# the split this model is trained and evaluated on (checked by test/accuracy_channel.sh)
(cd "$tmp" && sha256sum train.jsonl heldout.jsonl eval.jsonl) > models/channel.split

mapfile -t args < <(grep -v '^\s*#' models/channel.args | sed '/^\s*$/d' | tr ' ' '\n')
meta="sentimen channel model; trained by models/train_channel.sh on the training part ($((100 - HOLDOUT)) %) of $(grep -v '^\s*#' models/channel.data | awk '$3 == "train" { printf "%s (%s) ", $1, $4 }')with the labels mapped by models/channel_map.tsv"
./bin/sentimen --embeddings models/embeddings.bin train "${args[@]}" --meta "$meta" \
    --out models/channel.bin.new "$tmp/train.jsonl"
mv models/channel.bin.new models/channel.bin
sha256sum models/channel.bin
