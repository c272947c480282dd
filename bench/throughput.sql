-- bench/throughput.sql: each function over the same rows, same backend, same run.
-- Single process (no parallel workers, no JIT) so the ratio compares the
-- functions, not the plans.  Each is run :reps times; the fastest run counts.
\set ON_ERROR_STOP on
SET max_parallel_workers_per_gather = 0;
SET jit = off;
\o /dev/null
SELECT set_config('bench.reps', :'reps', false);

-- Functions are interleaved within each repetition (the machine's speed
-- drifts); each function's fastest repetition counts.
CREATE TEMP TABLE runs (function text, expr text, ms double precision DEFAULT 'Infinity');
INSERT INTO runs (function, expr) VALUES
    ('lower(body)', 'lower(body)'),
    ('to_tsvector(''indonesian'', body)', 'to_tsvector(''indonesian'', body)'),
    ('sentimen_score(body)', 'sentimen_score(body)'),
    ('sentimen_entities(body)', '(SELECT count(*) FROM sentimen_entities(body))'),
    ('sentimen_channel(body)', 'sentimen_channel(body)');

-- warm the cache (table pages, the model)
SELECT count(*) FROM bench_articles WHERE body IS NOT NULL;
SELECT sentimen_label('pemanasan'), sentimen_channel('pemanasan');
\o

DO $$
DECLARE
    r record;
    t0 timestamptz;
    n bigint;
BEGIN
    FOR i IN 1 .. current_setting('bench.reps')::int LOOP
        FOR r IN SELECT * FROM runs ORDER BY function LOOP
            t0 := clock_timestamp();
            EXECUTE format('SELECT count(%s) FROM bench_articles', r.expr) INTO n;
            UPDATE runs SET ms = least(ms, extract(epoch FROM clock_timestamp() - t0) * 1000)
            WHERE function = r.function;
        END LOOP;
    END LOOP;
END $$;

CREATE TEMP TABLE results AS
WITH size AS (SELECT sum(octet_length(body)) / 1048576.0 AS mb, count(*) AS n FROM bench_articles)
SELECT function, n AS rows, round(mb::numeric, 1) AS mb, round(ms::numeric) AS ms,
       round((ms / mb)::numeric, 2) AS ms_per_mb
FROM runs, size;

SELECT r.function, r.rows, r.mb, r.ms, r.ms_per_mb,
       round((t.ms_per_mb / r.ms_per_mb)::numeric, 2) AS speed_vs_to_tsvector
FROM results r, results t
WHERE t.function LIKE 'to_tsvector%'
ORDER BY r.ms_per_mb;
