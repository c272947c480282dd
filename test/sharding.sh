#!/usr/bin/env bash
# test/sharding.sh: sentimen sharded over postgres_fdw (issue 5), on three
# throwaway clusters over unix sockets: a coordinator and two shards.
#
#   - every node has the extension; the coordinator's foreign servers list it
#     in `extensions 'sentimen'` (so its IMMUTABLE functions are shipped) and
#     are `async_capable` (the shards are scanned concurrently)
#   - articles are inserted through a table partitioned by outlet whose
#     partitions are foreign tables; sentimen_annotate(), a BEFORE INSERT
#     trigger on each shard, annotates them (label, score, confidence,
#     entities)
#   - EXPLAIN VERBOSE must show sentimen_label() in the Remote SQL of both
#     shards for a WHERE filter, and a per-shard GROUP BY with
#     sentimen_label() pushed down (partitionwise aggregate on the partition
#     key)
#   - every row, the filter and the aggregate match a single-node run on the
#     coordinator row for row
#
# Articles: 1,500 from ../shared/data/news; without it, 600 made from a few
# sentences.  Ports 54411-54413 (SENTIMEN_SHARD_PORT to change the base).
set -euo pipefail
cd "$(dirname "$0")/.."
source test/cluster.sh
source test/data_dir.sh
base=${SENTIMEN_SHARD_PORT:-54411}
sentimen_cluster_add coord "$base"
sentimen_cluster_add shard1 $((base + 1))
sentimen_cluster_add shard2 $((base + 2))
export PGUSER=postgres PGDATABASE=postgres
coord() { psql -X -v ON_ERROR_STOP=1 -q -h "$SENTIMEN_SOCK_coord" -p "$base" "$@"; }
fail=0 pass=0
ok() { pass=$((pass + 1)); echo "ok   $*"; }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }

# the articles table and its trigger, on each shard and (as the single-node
# reference) on the coordinator
schema="
CREATE EXTENSION IF NOT EXISTS sentimen;
CREATE TABLE articles (id bigint PRIMARY KEY, outlet text NOT NULL, title text, body text NOT NULL,
                       sentiment text, score float8, confidence float8, entities jsonb);
-- annotated on insert and update by the extension's trigger (issue 4)
CREATE TRIGGER articles_annotate BEFORE INSERT OR UPDATE ON articles FOR EACH ROW
    EXECUTE FUNCTION sentimen_annotate('text=title,body', 'label=sentiment', 'score=score',
                                       'confidence=confidence', 'entities=entities');
"
for s in 1 2; do
    sock=SENTIMEN_SOCK_shard$s
    psql -X -v ON_ERROR_STOP=1 -q -h "${!sock}" -p $((base + s)) -c "$schema"
done
coord -c "${schema//articles/articles_local}"

coord -v sock1="$SENTIMEN_SOCK_shard1" -v port1=$((base + 1)) \
      -v sock2="$SENTIMEN_SOCK_shard2" -v port2=$((base + 2)) <<'SQL'
CREATE EXTENSION postgres_fdw;
CREATE SERVER shard1 FOREIGN DATA WRAPPER postgres_fdw
    OPTIONS (host :'sock1', port :'port1', dbname 'postgres',
             extensions 'sentimen', async_capable 'true', batch_size '100', fetch_size '1000');
CREATE SERVER shard2 FOREIGN DATA WRAPPER postgres_fdw
    OPTIONS (host :'sock2', port :'port2', dbname 'postgres',
             extensions 'sentimen', async_capable 'true', batch_size '100', fetch_size '1000');
CREATE USER MAPPING FOR CURRENT_USER SERVER shard1 OPTIONS (user 'postgres');
CREATE USER MAPPING FOR CURRENT_USER SERVER shard2 OPTIONS (user 'postgres');
CREATE TABLE articles (id bigint NOT NULL, outlet text NOT NULL, title text, body text NOT NULL,
                       sentiment text, score float8, confidence float8, entities jsonb)
    PARTITION BY HASH (outlet);
CREATE FOREIGN TABLE articles_shard1 PARTITION OF articles FOR VALUES WITH (MODULUS 2, REMAINDER 0)
    SERVER shard1 OPTIONS (table_name 'articles');
CREATE FOREIGN TABLE articles_shard2 PARTITION OF articles FOR VALUES WITH (MODULUS 2, REMAINDER 1)
    SERVER shard2 OPTIONS (table_name 'articles');
CREATE TABLE staging (id bigint, outlet text, title text, body text);
SQL

if [ -d "$DATA/news/indosum_dev" ]; then
    tmp=$(mktemp /tmp/sentimen-shard-rows.XXXXXX)
    for f in clickid_raw/train.jsonl indosum_dev/train.jsonl detik_aspect_2025/train.jsonl; do
        [ -f "$DATA/news/$f" ] && sed -n 1,500p "$DATA/news/$f" >>"$tmp"
    done
    # (\copy does not expand psql variables: the path comes from the shell)
    coord <<SQL
CREATE TEMP TABLE raw (line text);
\\copy raw FROM '$tmp' WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')
INSERT INTO staging
SELECT row_number() OVER (), coalesce(j->>'source', 'unknown'), j->>'title', j->>'body'
FROM (SELECT line::jsonb AS j FROM raw) r WHERE coalesce(j->>'body', '') <> '';
SQL
    rm -f "$tmp"
else
    echo "(no ../shared/data/news: 600 articles made from a few sentences)"
    coord <<'SQL'
INSERT INTO staging
SELECT i, (ARRAY['detik', 'kompas', 'cnbc', 'tempo', 'antara'])[1 + i % 5], 'Berita ' || i,
       (ARRAY['Presiden Joko Widodo meresmikan Bandara Kertajati di Majalengka.',
              'Harga beras naik tajam dan warga kecewa dengan pemerintah.',
              'Timnas Indonesia juara Piala AFF, warga bersuka cita di Jakarta.',
              'KPK menangkap pejabat yang diduga menerima suap miliaran rupiah.',
              'Menteri Keuangan Sri Mulyani mengatakan ekonomi tumbuh 5 persen.'])[1 + i % 5]
       || ' ' || (ARRAY['Warga senang.', 'Polisi menyelidiki kasus itu.', 'Harga saham turun.'])[1 + i % 3]
FROM generate_series(1, 600) AS i;
SQL
fi

coord <<'SQL'
\timing on
INSERT INTO articles (id, outlet, title, body) SELECT id, outlet, title, body FROM staging;
INSERT INTO articles_local (id, outlet, title, body) SELECT id, outlet, title, body FROM staging;
\timing off
-- statistics of the foreign partitions: without them the planner does not
-- see that aggregating on the shards is cheaper
ANALYZE articles;
ANALYZE articles_local;
SQL

q() { coord -At -c "$1"; }
n=$(q "SELECT count(*) FROM staging")
n1=$(q "SELECT count(*) FROM articles_shard1")
n2=$(q "SELECT count(*) FROM articles_shard2")
if [ "$n" -gt 0 ] && [ $((n1 + n2)) = "$n" ] && [ "$n1" -gt 0 ] && [ "$n2" -gt 0 ]; then
    ok "$n articles routed: $n1 to shard1, $n2 to shard2"
else
    bad "routing: $n articles, $n1 + $n2 on the shards"
fi
u=$(q "SELECT count(*) FROM articles WHERE sentiment IS NULL OR entities IS NULL")
[ "$u" = 0 ] && ok "every article annotated by the shards' trigger" || bad "$u articles not annotated"

m=$(q "SELECT count(*) FROM articles s FULL JOIN articles_local l USING (id)
       WHERE s.id IS NULL OR l.id IS NULL
          OR (s.outlet, s.title, s.body, s.sentiment, s.score, s.confidence, s.entities)
             IS DISTINCT FROM (l.outlet, l.title, l.body, l.sentiment, l.score, l.confidence, l.entities)")
[ "$m" = 0 ] && ok "sharded rows = single-node rows ($n rows, every column)" || bad "$m rows differ from the single-node run"

# the WHERE filter
filter="SELECT id, outlet, sentimen_label(body) AS label FROM articles WHERE sentimen_label(body) = 'negatif'"
plan=$(q "EXPLAIN (VERBOSE, COSTS OFF) $filter")
echo "$plan" | sed 's/^/    /'
shipped=$(echo "$plan" | grep -c "Remote SQL:.*WHERE.*sentimen_label(body)" || true)
[ "$shipped" = 2 ] && ok "filter: sentimen_label(body) in the Remote SQL of both shards" \
    || bad "filter: sentimen_label shipped to $shipped of 2 shards"
echo "$plan" | grep -q "Async Foreign Scan" && ok "filter: shards scanned asynchronously" \
    || bad "filter: no Async Foreign Scan"
d=$(q "SELECT count(*) FROM (($filter EXCEPT ALL ${filter/FROM articles /FROM articles_local })
                             UNION ALL (${filter/FROM articles /FROM articles_local } EXCEPT ALL $filter)) x")
nf=$(q "SELECT count(*) FROM ($filter) x")
[ "$d" = 0 ] && ok "filter: $nf rows, same as single node" || bad "filter: $d rows differ from single node"

# the composite form (FieldSelect) is not shipped by postgres_fdw in PG 15: report it
plan2=$(q "EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM articles WHERE (sentimen_score(body)).label = 'negatif'")
if echo "$plan2" | grep -q "Remote SQL:.*WHERE.*sentimen_score(body)"; then
    echo "note (sentimen_score(body)).label in a WHERE is shipped too"
else
    echo "note (sentimen_score(body)).label in a WHERE is filtered on the coordinator; use sentimen_label(body)"
fi

# the per-shard aggregate: GROUP BY the partition key (outlet) and the label
agg="SELECT outlet, sentimen_label(body) AS label, count(*) AS n, round(avg(score)::numeric, 6) AS avg_score
     FROM articles GROUP BY 1, 2"
plan=$(coord -At -c "SET enable_partitionwise_aggregate = on" -c "EXPLAIN (VERBOSE, COSTS OFF) $agg")
echo "$plan" | sed 's/^/    /'
shipped=$(echo "$plan" | grep -c "Remote SQL:.*sentimen_label(body).*GROUP BY" || true)
[ "$shipped" = 2 ] && ok "aggregate: GROUP BY with sentimen_label(body) pushed down to both shards" \
    || bad "aggregate: pushed down to $shipped of 2 shards"
d=$(coord -At -c "SET enable_partitionwise_aggregate = on" -c "SELECT count(*) FROM (($agg EXCEPT ALL ${agg/FROM articles /FROM articles_local })
     UNION ALL (${agg/FROM articles /FROM articles_local } EXCEPT ALL $agg)) x" | tail -1)
ng=$(coord -At -c "SET enable_partitionwise_aggregate = on" -c "SELECT count(*) FROM ($agg) x" | tail -1)
[ "$d" = 0 ] && ok "aggregate: $ng groups, same as single node" || bad "aggregate: $d groups differ from single node"

echo "sharding: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
