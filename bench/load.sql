-- bench/load.sql: the bench table, >= 100k real articles.
-- :datadir is ../shared/data/news; the ~22k distinct articles there are
-- repeated with new ids (copy 0..4) to reach ~110k rows, as the data README
-- suggests.  JSONL is read line by line as CSV with control-character quote
-- and delimiter so no byte is interpreted, then parsed with jsonb.
\set ON_ERROR_STOP on
DROP TABLE IF EXISTS bench_raw, bench_articles;
CREATE UNLOGGED TABLE bench_raw (line text);
\set f :datadir '/clickid_raw/train.jsonl'
COPY bench_raw FROM :'f' WITH (FORMAT csv, QUOTE E'\x01', DELIMITER E'\x02');
\set f :datadir '/indosum_dev/train.jsonl'
COPY bench_raw FROM :'f' WITH (FORMAT csv, QUOTE E'\x01', DELIMITER E'\x02');
\set f :datadir '/detik_aspect_2025/train.jsonl'
COPY bench_raw FROM :'f' WITH (FORMAT csv, QUOTE E'\x01', DELIMITER E'\x02');
\set f :datadir '/insei_econ/articles.jsonl'
COPY bench_raw FROM :'f' WITH (FORMAT csv, QUOTE E'\x01', DELIMITER E'\x02');

CREATE UNLOGGED TABLE bench_articles AS
SELECT row_number() OVER () AS id, j->>'source' AS outlet, j->>'title' AS title, j->>'body' AS body
FROM (SELECT line::jsonb AS j FROM bench_raw) r, generate_series(0, 4) AS copy
WHERE j->>'body' IS NOT NULL;
DROP TABLE bench_raw;
VACUUM ANALYZE bench_articles;
SELECT count(*) AS rows, round(sum(octet_length(body)) / 1048576.0, 1) AS mb FROM bench_articles;
