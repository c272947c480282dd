#!/usr/bin/env bash
# test/sql_training.sh: training in SQL on real data (issue 4).
#
#   - sentimen_train() on the smsa train split (10.5k rows) finishes in < 30 s
#   - the stored model scores >= 0.74 macro-F1 on smsa dev through
#     sentimen_score(text, model_name)
#   - statement_timeout cancels a training run (within 2 s of a 1 s timeout)
# Needs ../shared/data (or SENTIMEN_DATA); skips without it.  Uses the server
# of test/cluster.sh (PGHOST set), else starts a throwaway one.
set -euo pipefail
cd "$(dirname "$0")/.."
source test/data_dir.sh
S=$DATA/sentiment/smsa
if [ ! -f "$S/train.tsv" ]; then
    echo "SKIP sql_training: no smsa data at $DATA (set SENTIMEN_DATA)"
    exit 0
fi
MIN_F1=0.74
MAX_SECONDS=30
if [ -z "${PGHOST:-}" ]; then
    source test/cluster.sh
    sentimen_cluster_start
fi
db=sentimen_sql_training
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
export PGDATABASE=$db
out=test/results
mkdir -p "$out"
psql -X -q -v ON_ERROR_STOP=1 <<SQL > "$out/sql_training.txt" 2>&1
CREATE EXTENSION sentimen;
CREATE TABLE smsa_train (label text, text text);
CREATE TABLE smsa_dev (label text, text text);
\copy smsa_train FROM program 'tail -n +2 $S/train.tsv' WITH (FORMAT text)
\copy smsa_dev FROM program 'tail -n +2 $S/dev.tsv' WITH (FORMAT text)
SET client_min_messages = warning;
CREATE TEMP TABLE t AS SELECT clock_timestamp() AS t0;
SELECT class, round("precision"::numeric, 4) AS "precision", round(recall::numeric, 4) AS recall,
       round(f1::numeric, 4) AS f1, support
FROM sentimen_train('smsa', 'SELECT text, label FROM smsa_train');
SELECT 'train_seconds', round(extract(epoch FROM clock_timestamp() - t0)::numeric, 2) FROM t;
SELECT 'train_rows', count(*) FROM smsa_train;
WITH p AS (
    SELECT CASE label WHEN 'positive' THEN 'positif' WHEN 'negative' THEN 'negatif' ELSE 'netral' END AS gold,
           (sentimen_score(text, 'smsa')).label AS pred
    FROM smsa_dev),
c AS (
    SELECT l, count(*) FILTER (WHERE gold = l AND pred = l) AS tp,
           count(*) FILTER (WHERE pred = l) AS np, count(*) FILTER (WHERE gold = l) AS ng
    FROM p, unnest(ARRAY['positif', 'netral', 'negatif']) l GROUP BY l)
SELECT 'dev_macro_f1', round(avg(2.0 * tp / nullif(np + ng, 0)), 4) FROM c;
SQL
cat "$out/sql_training.txt"
secs=$(awk -F'|' '/train_seconds/ {gsub(/ /, "", $2); print $2}' "$out/sql_training.txt")
f1=$(awk -F'|' '/dev_macro_f1/ {gsub(/ /, "", $2); print $2}' "$out/sql_training.txt")

# statement_timeout: 1 s on a run that takes several
start=$(date +%s.%N)
if psql -X -q -c "SET statement_timeout = '1s'" \
        -c "SELECT count(*) FROM sentimen_train('smsa2', 'SELECT text, label FROM smsa_train')" 2> "$out/sql_training_timeout.txt"; then
    echo "FAIL sentimen_train finished under a 1 s statement_timeout"; exit 1
fi
elapsed=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
cat "$out/sql_training_timeout.txt"
psql -X -q -d postgres -c "DROP DATABASE $db"

fail=0
if awk -v s="$secs" -v m="$MAX_SECONDS" 'BEGIN { exit !(s < m) }'; then
    echo "PASS sentimen_train on 10.5k smsa rows took ${secs} s (< ${MAX_SECONDS} s)"
else
    echo "FAIL sentimen_train on 10.5k smsa rows took ${secs} s (>= ${MAX_SECONDS} s)"; fail=1
fi
if awk -v f="$f1" -v m="$MIN_F1" 'BEGIN { exit !(f >= m) }'; then
    echo "PASS model trained in SQL: smsa dev macro-F1 ${f1} (>= ${MIN_F1})"
else
    echo "FAIL model trained in SQL: smsa dev macro-F1 ${f1} (< ${MIN_F1})"; fail=1
fi
if grep -q "statement timeout" "$out/sql_training_timeout.txt" &&
   awk -v e="$elapsed" 'BEGIN { exit !(e < 3.0) }'; then
    echo "PASS statement_timeout 1 s cancelled training after ${elapsed} s"
else
    echo "FAIL statement_timeout 1 s did not cancel training in time (${elapsed} s)"; fail=1
fi
exit $fail
