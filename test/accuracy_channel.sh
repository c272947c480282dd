#!/usr/bin/env bash
# test/accuracy_channel.sh: accuracy of the compiled-in channel model
# (sentimen_channel) on its held-out split; called by test/accuracy.sh.
#
# The split is rebuilt from ../shared/data/news exactly as models/train_channel.sh
# made it (deterministic), and must match the checksums in models/channel.split,
# so the held-out articles are ones the model never saw.  Figures:
#   - held-out: 15 % of the licence-clean corpora (clickid_raw, indosum_dev),
#     near-duplicates of training articles excluded; macro-F1 must reach MIN_F1
#   - eval-only: detik_aspect_2025 and insei_econ (never trained on; no licence
#     to ship a model trained on them), other outlets and years; reported only
# Skips without the data (a user's machine).  Output: stdout and
# test/results/accuracy_channel.txt (quoted by the README).
set -euo pipefail
cd "$(dirname "$0")/.."
source test/data_dir.sh
if [ ! -d "$DATA/news/clickid_raw" ]; then
    echo "SKIP channel accuracy: no news corpus at $DATA/news (set SENTIMEN_DATA); threshold not checked"
    exit 0
fi
MIN_F1=0.80
out=test/results
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
make -s bin/sentimen bin/channel-data

models/train_channel.sh --data-only "$tmp"
if ! (cd "$tmp" && sha256sum --quiet -c "$OLDPWD/models/channel.split"); then
    echo "FAIL channel accuracy: the split differs from the one models/channel.bin was trained on (models/channel.split); run models/train_channel.sh"
    exit 1
fi
# score with the compiled-in channel model file, as the extension does
./bin/sentimen eval --model models/channel.bin "$tmp/heldout.jsonl" > "$tmp/heldout.txt"
./bin/sentimen eval --model models/channel.bin "$tmp/eval.jsonl" > "$tmp/evalonly.txt"
{
    echo "# sentimen channel accuracy ($(date -u +%Y-%m-%d), model sha256 $(sha256sum models/channel.bin | cut -c1-16))"
    echo "# split (train / held-out / eval-only articles per corpus and channel)"
    cat "$tmp/stats.txt"
    echo
    echo "# held-out split (15 % of clickid_raw + indosum_dev)"
    sed "s#$tmp/heldout.jsonl#held-out#" "$tmp/heldout.txt"
    echo
    echo "# evaluation-only corpora (detik_aspect_2025 2025, insei_econ 2017-2025; other years and outlets)"
    sed "s#$tmp/eval.jsonl#eval-only#" "$tmp/evalonly.txt"
} > "$out/accuracy_channel.txt"
cat "$out/accuracy_channel.txt"

f1=$(sed -n 's/.*macro_f1=\([0-9.]*\).*/\1/p' "$tmp/heldout.txt" | head -1)
if awk -v v="$f1" -v m="$MIN_F1" 'BEGIN { exit !(v >= m) }'; then
    echo "PASS channel held-out macro-F1 $f1 >= $MIN_F1" | tee -a "$out/accuracy_channel.txt"
else
    echo "FAIL channel held-out macro-F1 $f1 < $MIN_F1" | tee -a "$out/accuracy_channel.txt"
    exit 1
fi
