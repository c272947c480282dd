#!/usr/bin/env bash
# test/fuzz/run.sh: build the libFuzzer harnesses and run each for SECONDS.
#
#   test/fuzz/run.sh [SECONDS] [NAME...]     default 60 s, all harnesses
#   FUZZ_JOBS=2   harnesses run at the same time (default 2, the machine's cores)
#   FUZZ_RUNS=N   stop each harness after N executions (SECONDS 0 = no time
#                 limit), as for the long run: FUZZ_RUNS=10000000 run.sh 0
#
# Seed corpora are made at run time in test/fuzz/build/corpus/NAME from the
# hand-written seeds in test/fuzz/seeds and from ../shared/data (skipped
# without it): news texts cut into pieces, a few training rows of each input
# format, and small models trained by bin/sentimen plus the compiled-in
# models cut short.  Crashes land in test/fuzz/build/artifacts/.  Exit status
# is non-zero on any finding; the last line is "fuzz: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-60}
shift || true
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(tokenize classify entities model trainer_input)
jobs=${FUZZ_JOBS:-2}
export PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}

make -s fuzz bin/sentimen >/dev/null
source test/data_dir.sh
B=test/fuzz/build
mkdir -p "$B/artifacts" "$B/logs"
seedtmp=$(mktemp -d /tmp/sentimen-fuzz-seeds.XXXXXX)
trap 'rm -rf "$seedtmp" "$B/logs/summary.$$"' EXIT

# put "$2" (a file) into corpus $1 with an optional control byte $3 in front
seed() {
    local dir=$B/corpus/$1 f=$2 ctl=${3:-}
    mkdir -p "$dir"
    if [ -n "$ctl" ]; then
        { printf "\\x$ctl"; cat "$f"; } >"$dir/seed-$ctl-$(basename "$f")"
    else
        cp "$f" "$dir/seed-$(basename "$f")"
    fi
}

for n in tokenize classify entities; do
    for f in test/fuzz/seeds/*; do seed $n "$f"; done
done
if [ -d "$DATA/news" ]; then
    # 40 article texts (title + body), each cut to 4 KB
    # (no early-closing pipes: with pipefail a SIGPIPE would end the script)
    for j in $(find "$DATA/news" -name '*.jsonl' | sort); do
        head -n 14 "$j" >>"$seedtmp/news.jsonl"
        [ "$(wc -l <"$seedtmp/news.jsonl")" -ge 40 ] && break
    done
    split -l 1 -a 3 "$seedtmp/news.jsonl" "$seedtmp/news-"
    for f in "$seedtmp"/news-*; do
        head -c 4096 "$f" >"$f.txt"
        for n in tokenize classify entities; do seed $n "$f.txt"; done
    done
fi

# trainer inputs: control byte 00 TSV, 01 JSONL, 02 CoNLL
printf 'label\ttext\npositif\tbagus sekali\nnegative\ttidak enak\n' >"$seedtmp/rows.tsv"
printf '{"label":"positif","text":"bagus \\u00e9 \\"kutip\\""}\n{"label":"negatif","title":"Judul","body":"isi"}\n' >"$seedtmp/rows.jsonl"
printf 'Joko\tB-PER\nWidodo\tI-PER\ndi\tO\nJakarta\tB-LOC\n\nKPK\tB-ORG\n' >"$seedtmp/rows.conll"
seed trainer_input "$seedtmp/rows.tsv" 00
seed trainer_input "$seedtmp/rows.jsonl" 01
seed trainer_input "$seedtmp/rows.conll" 02
if [ -d "$DATA/sentiment" ]; then
    head -n 30 "$DATA/sentiment/smsa/dev.tsv" >"$seedtmp/smsa.tsv"
    seed trainer_input "$seedtmp/smsa.tsv" 00
    f=$(find "$DATA/sentiment/news_articles" -name '*.jsonl' | sort | sed -n 1p)
    [ -n "$f" ] && head -c 6000 "$f" >"$seedtmp/articles.jsonl" && seed trainer_input "$seedtmp/articles.jsonl" 01
    head -n 40 "$DATA/entities/nerp/dev.conll" >"$seedtmp/nerp.conll"
    seed trainer_input "$seedtmp/nerp.conll" 02
fi

# models: control byte bits 0-1 = reader (0 classifier, 1 tagger, 2
# embeddings), bit 2 = fix size and checksum
for m in sentiment:00 tagger:01 embeddings:02; do
    head -c 4096 "models/${m%%:*}.bin" >"$seedtmp/cut-${m%%:*}.bin"
    seed model "$seedtmp/cut-${m%%:*}.bin" "${m##*:}"
    seed model "$seedtmp/cut-${m%%:*}.bin" "0$(( ${m##*:} + 4 ))"
done
if [ -d "$DATA/sentiment" ]; then
    head -n 40 "$DATA/sentiment/smsa/dev.tsv" >"$seedtmp/train.tsv"
    head -n 14 "$DATA/entities/nerp/dev.conll" >"$seedtmp/train.conll"
    bin/sentimen train --hash-bits 8 --iters 5 --calib-folds 2 --no-lexicon --out "$seedtmp/small-classifier.bin" "$seedtmp/train.tsv" >/dev/null 2>&1
    bin/sentimen ner-train --epochs 1 --out "$seedtmp/small-tagger.bin" "$seedtmp/train.conll" >/dev/null 2>&1
    bin/sentimen embed --out "$seedtmp/small-embeddings.bin" --dim 4 --epochs 1 --min-count 1 \
        --max-words 30 --clusters 2 "$seedtmp/train.tsv" >/dev/null 2>&1
    for m in classifier:00 tagger:01 embeddings:02; do
        f=$seedtmp/small-${m%%:*}.bin
        [ -s "$f" ] || { echo "fuzz: could not train the $f seed" >&2; exit 1; }
        seed model "$f" "${m##*:}"
        seed model "$f" "0$(( ${m##*:} + 4 ))"
    done
fi

maxlen() { case $1 in model) echo 65536 ;; trainer_input) echo 4096 ;; tokenize) echo 4096 ;; *) echo 2048 ;; esac; }

run_one() {
    local n=$1 log=$B/logs/$1.log
    mkdir -p "$B/corpus/$n"
    nice -n 10 "$B/fuzz_$n" -max_total_time="$secs" ${FUZZ_RUNS:+-runs=$FUZZ_RUNS} -max_len="$(maxlen "$n")" -timeout=20 \
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$B/artifacts/$n-" \
        "$B/corpus/$n" >"$log" 2>&1
}
export -f run_one maxlen
export B secs

printf '%s\n' "${names[@]}" | xargs -P "$jobs" -I{} bash -c 'run_one {} && echo "{} ok" || echo "{} FAILED"' \
    >"$B/logs/summary.$$"
pass=0 fail=0
printf '%-14s %12s %8s %10s %8s  %s\n' harness execs seconds exec/s corpus result
for n in "${names[@]}"; do
    log=$B/logs/$n.log
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    took=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
    units=$(ls "$B/corpus/$n" | wc -l)
    if grep -qx "$n ok" "$B/logs/summary.$$"; then
        res=ok; pass=$((pass + 1))
    else
        res=FAILED; fail=$((fail + 1))
    fi
    printf '%-14s %12s %8s %10s %8s  %s\n' "$n" "${execs:-?}" "${took:-?}" "${rate:-?}" "$units" "$res"
    if [ "$res" != ok ]; then
        grep -E -A40 'ERROR|FUZZ_CHECK|runtime error|deadly signal' "$log" | head -60 || true
    fi
done
echo "fuzz: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
