#!/usr/bin/env bash
# models/train_sentiment.sh: rebuild models/sentiment.bin (run by `make model`).
#
# Reproducible: the trainer is deterministic, so the same data, settings and
# code give the same bytes.  Needs ../shared/data (or SENTIMEN_DATA).
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${SENTIMEN_DATA:-../shared/data}
[ -d "$DATA/sentiment" ] || { echo "train_sentiment: no data at $DATA (set SENTIMEN_DATA)" >&2; exit 1; }
args=()
while read -r a; do args+=("$a"); done < <(grep -v '^\s*#' models/sentiment.args | sed '/^\s*$/d' | tr ' ' '\n')
files=()
while read -r cv f; do
    [ -z "$f" ] && { f=$cv; }
    files+=("$DATA/$f")
done < <(grep -v '^\s*#' models/sentiment.data | sed '/^\s*$/d' | awk '{ if ($1 == "cv") print "cv", $2; else print "-", $1 }')
meta="sentimen default sentiment model; trained by models/train_sentiment.sh on $(grep -v '^\s*#' models/sentiment.data | sed '/^\s*$/d' | sed 's/^cv //' | tr '\n' ' ')"
./bin/sentimen train "${args[@]}" --meta "$meta" --out models/sentiment.bin "${files[@]}"
sha256sum models/sentiment.bin
