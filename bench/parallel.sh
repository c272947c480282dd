#!/usr/bin/env bash
# bench/parallel.sh: speed-up of parallel query for sentimen on the bench rows
# (bench/load.sql: ~110k real articles, ~188 MB): the same aggregate with
# max_parallel_workers_per_gather = 0 and = 2, best of 3 each, interleaved;
# prints both times and the ratio.  Not part of `make test` (about 2 minutes).
#
#   bench/parallel.sh            (uses PGHOST's server, else a throwaway one)
set -euo pipefail
cd "$(dirname "$0")/.."
source test/data_dir.sh
if [ ! -d "$DATA/news/clickid_raw" ]; then
    echo "SKIP bench/parallel.sh: no news corpus at $DATA/news"
    exit 0
fi
if [ -z "${PGHOST:-}" ]; then
    source test/cluster.sh
    sentimen_cluster_start
fi
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS sentimen_parallel" -c "CREATE DATABASE sentimen_parallel"
export PGDATABASE=sentimen_parallel
datadir=$(cd "$DATA/news" && pwd)
psql -X -q -c "CREATE EXTENSION sentimen"
psql -X -q -v datadir="$datadir" -f bench/load.sql
psql -X -q -c "ALTER TABLE bench_articles SET (parallel_workers = 2)"
query="SELECT count(*) FILTER (WHERE sentimen_label(body) = 'negatif') FROM bench_articles"
# (timed by psql: a query run from PL/pgSQL with SELECT INTO never runs in parallel)
run() {
    psql -X -qAt -c "SET jit = off" -c "SET max_parallel_workers = 2" \
        -c "SET max_parallel_workers_per_gather = $1" -c '\timing on' -c "$query" \
        | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p'
}
best0=1e12 best2=1e12
for i in 1 2 3; do
    t=$(run 0); best0=$(awk -v a="$best0" -v b="$t" 'BEGIN { print (b < a) ? b : a }')
    t=$(run 2); best2=$(awk -v a="$best2" -v b="$t" 'BEGIN { print (b < a) ? b : a }')
done
psql -X -qAt -c "SET max_parallel_workers_per_gather = 2" -c "EXPLAIN (COSTS OFF) $query" | sed 's/^/    /'
rows=$(psql -X -qAt -c "SELECT count(*) || ' rows, ' || round(sum(octet_length(body)) / 1048576.0) || ' MB' FROM bench_articles")
echo "parallel query on $rows (best of 3, $(nproc) cores):"
awk -v a="$best0" -v b="$best2" 'BEGIN { printf "  0 workers %8.0f ms\n  2 workers %8.0f ms\n  speedup   %8.2fx\n", a, b, a / b }'
psql -X -q -d postgres -c "DROP DATABASE sentimen_parallel"
