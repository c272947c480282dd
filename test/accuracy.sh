#!/usr/bin/env bash
# test/accuracy.sh: accuracy thresholds of the compiled-in sentiment model.
#
# Needs the data sets under ../shared/data (or SENTIMEN_DATA); on a machine
# without them (a user's), it says so and skips.  Figures:
#   - smsa, cnbc_headlines, nusax_id dev: the shipped model (never trained on dev)
#   - news_articles: 5-fold cross-validation over train+dev with the shipped
#     model's settings, since the shipped model trains on all 640 articles
#   - ECE over all four dev sets pooled (news from the cross-validation)
# Output goes to stdout and to test/results/accuracy.txt (quoted by the README).
set -euo pipefail
cd "$(dirname "$0")/.."
source test/data_dir.sh
S=$DATA/sentiment
if [ ! -d "$S/smsa" ]; then
    echo "SKIP accuracy: no data at $DATA (set SENTIMEN_DATA); thresholds not checked"
    exit 0
fi
out=test/results
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# TARGET: the acceptance thresholds of issue 2.  FLOOR: what the shipped model
# reaches today, minus a small margin; falling below a floor fails the test (a
# regression).  A target not yet met is reported, not hidden, and does not fail.
declare -A TARGET=([smsa]=0.87 [cnbc_headlines]=0.85 [nusax_id]=0.80 [news_articles]=0.72)
declare -A FLOOR=([smsa]=0.87 [cnbc_headlines]=0.835 [nusax_id]=0.80 [news_articles]=0.695)
MAX_ECE=0.08

./bin/sentimen eval --predictions "$tmp/short.pred" \
    "$S/smsa/dev.tsv" "$S/cnbc_headlines/dev.tsv" "$S/nusax_id/dev.tsv" > "$tmp/eval.txt"

args=()
while read -r a; do args+=("$a"); done < <(grep -v '^\s*#' models/sentiment.args | sed '/^\s*$/d' | tr ' ' '\n')
files=()
while read -r kind f; do
    if [ "$kind" = cv ]; then files+=(--cv "$DATA/$f"); else files+=("$DATA/$f"); fi
done < <(grep -v '^\s*#' models/sentiment.data | sed '/^\s*$/d' | awk '{ if ($1 == "cv") print "cv", $2; else print "-", $1 }')
./bin/sentimen cv "${args[@]}" --folds 5 --predictions "$tmp/news.pred" "${files[@]}" \
    > "$tmp/cv.txt" 2>/dev/null
./bin/sentimen metrics "$tmp/short.pred" "$tmp/news.pred" > "$tmp/pooled.txt"

{
    echo "# sentimen accuracy ($(date -u +%Y-%m-%d), model sha256 $(sha256sum models/sentiment.bin | cut -c1-16))"
    cat "$tmp/eval.txt"
    echo
    echo "# news_articles: 5-fold cross-validation (train+dev, 640 articles)"
    sed -n '/^== cross-validated, pooled/,/^== /p' "$tmp/cv.txt" | sed '$d'
    sed -n '/^(/p' "$tmp/cv.txt"
    echo
    echo "# all dev sets pooled (news from cross-validation)"
    cat "$tmp/pooled.txt"
} > "$out/accuracy.txt"
cat "$out/accuracy.txt"

fail=0
verdicts=$tmp/verdicts.txt
say() { printf "$@" | tee -a "$verdicts"; }
ge() { awk -v v="$1" -v m="$2" 'BEGIN { exit !(v >= m) }'; }
check() { # name value
    local name=$1 v=$2
    if ! ge "$v" "${FLOOR[$name]}"; then
        say 'FAIL %-16s macro-F1 %s below the floor %s\n' "$name" "$v" "${FLOOR[$name]}"; fail=1
    elif ge "$v" "${TARGET[$name]}"; then
        say 'PASS %-16s macro-F1 %s >= target %s\n' "$name" "$v" "${TARGET[$name]}"
    else
        say 'BELOW TARGET %-8s macro-F1 %s <  target %s (floor %s holds)\n' "$name" "$v" "${TARGET[$name]}" "${FLOOR[$name]}"
    fi
}
f1() { grep -F "== " "$2" | grep -F "$1" | sed -n "s/.*macro_f1=\([0-9.]*\).*/\1/p" | head -1; }
check smsa "$(f1 smsa/dev "$tmp/eval.txt")"
check cnbc_headlines "$(f1 cnbc_headlines/dev "$tmp/eval.txt")"
check nusax_id "$(f1 nusax_id/dev "$tmp/eval.txt")"
check news_articles "$(f1 'cross-validated, pooled' "$tmp/cv.txt")"
ece=$(sed -n 's/.*ece=\([0-9.]*\).*/\1/p' "$tmp/pooled.txt")
if awk -v v="$ece" -v m="$MAX_ECE" 'BEGIN { exit !(v <= m) }'; then
    say 'PASS pooled ECE %s <= %s\n' "$ece" "$MAX_ECE"
else
    say 'FAIL pooled ECE %s >  %s\n' "$ece" "$MAX_ECE"; fail=1
fi
{ echo; echo "# verdicts"; cat "$verdicts"; } >> "$out/accuracy.txt"

# the channel model (sentimen_channel): its own split and threshold
echo
test/accuracy_channel.sh || fail=1
exit $fail
