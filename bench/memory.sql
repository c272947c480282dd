-- bench/memory.sql: backend RSS before and after 1M calls of sentimen_score.
-- 10k distinct article leads (up to 300 characters) x 100 = 1M calls, on a
-- small table already in shared buffers, so growth would be ours.  JIT is off:
-- a 1M-call query is costly enough for the planner to JIT-compile it, and
-- loading LLVM adds ~60 MB to the backend whatever the function is.
\set ON_ERROR_STOP on
SET max_parallel_workers_per_gather = 0;
SET jit = off;
CREATE TEMP TABLE leads AS SELECT left(body, 300) AS t FROM bench_articles ORDER BY id LIMIT 10000;
SELECT pg_backend_pid() AS pid \gset
-- warm-up: the same query shape once
SELECT count(sentimen_score(t)) FROM leads, generate_series(1, 1);
\setenv BENCH_PID :pid
\! echo "rss_before_kb $(awk '/VmRSS/ {print $2}' /proc/$BENCH_PID/status)" > "$BENCH_OUT/rss.txt"
SELECT count(sentimen_score(t)) AS calls FROM leads, generate_series(1, 100);
\! echo "rss_after_kb $(awk '/VmRSS/ {print $2}' /proc/$BENCH_PID/status)" >> "$BENCH_OUT/rss.txt"
