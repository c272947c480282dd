-- bench/trigger.sql: cost of annotating on insert with sentimen_annotate().
-- On the same 100k bench rows, in the same run:
--   plain     INSERT ... SELECT into a table without the trigger
--   functions sentimen_score, sentimen_entities_json and sentimen_channel
--             called on the same documents (title, blank line, body)
--   trigger   INSERT ... SELECT into the same table with the trigger filling
--             label, score, confidence, entities and channel
-- ratio = trigger / (plain + functions); the acceptance bound is 1.2.
\set ON_ERROR_STOP on
SET max_parallel_workers_per_gather = 0;  -- the trigger runs in one backend: so do the others
CREATE UNLOGGED TABLE trig_plain (id bigint, outlet text, published_at timestamptz, title text,
    body text, label text, score float8, confidence float8, entities jsonb, channel text);
CREATE UNLOGGED TABLE trig_annot (LIKE trig_plain);
CREATE TRIGGER annotate BEFORE INSERT OR UPDATE ON trig_annot FOR EACH ROW
    EXECUTE FUNCTION sentimen_annotate('text=title,body', 'label=label', 'score=score',
        'confidence=confidence', 'entities=entities', 'channel=channel');
CREATE TEMP TABLE trig_times (step text, seconds float8);
-- Two repetitions, the steps interleaved within each; each step's fastest
-- counts (as in throughput.sql): one run of each is at the mercy of the
-- machine's drift.
DO $$
DECLARE
    t0 timestamptz;
    n bigint;
BEGIN
    FOR rep IN 1 .. 2 LOOP
        TRUNCATE trig_plain, trig_annot;

        t0 := clock_timestamp();
        INSERT INTO trig_plain (id, outlet, published_at, title, body)
        SELECT id, outlet, now(), title, body FROM bench_articles WHERE id <= 100000;
        INSERT INTO trig_times VALUES ('plain insert', extract(epoch FROM clock_timestamp() - t0));

        t0 := clock_timestamp();
        SELECT count(s) + count(e) + count(c) INTO n
        FROM (SELECT sentimen_score(d) AS s, sentimen_entities_json(d) AS e, sentimen_channel(d) AS c
                FROM (SELECT concat_ws(E'\n\n', nullif(title, ''), nullif(body, '')) AS d
                        FROM bench_articles WHERE id <= 100000) x) y;
        INSERT INTO trig_times VALUES ('functions on the same rows', extract(epoch FROM clock_timestamp() - t0));

        t0 := clock_timestamp();
        INSERT INTO trig_annot (id, outlet, published_at, title, body)
        SELECT id, outlet, now(), title, body FROM bench_articles WHERE id <= 100000;
        INSERT INTO trig_times VALUES ('insert with trigger', extract(epoch FROM clock_timestamp() - t0));
    END LOOP;
END
$$;
CREATE TEMP TABLE trig_best AS SELECT step, min(seconds) AS seconds FROM trig_times GROUP BY step;
SELECT count(*) AS trigger_rows, count(label) AS labelled, count(entities) AS with_entities
FROM trig_annot;
SELECT step, round(seconds::numeric, 2) AS seconds FROM trig_best ORDER BY seconds;
SELECT round(((SELECT seconds FROM trig_best WHERE step = 'insert with trigger')
       / (SELECT sum(seconds) FROM trig_best WHERE step <> 'insert with trigger'))::numeric, 3)
       AS trigger_ratio;
DROP TABLE trig_plain, trig_annot;
