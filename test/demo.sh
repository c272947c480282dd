#!/usr/bin/env bash
# test/demo.sh: the main job on a throwaway database (`make demo`).
# Builds and installs the extension, starts a private PostgreSQL cluster,
# loads the sample articles (test/data/sample_articles.tsv, written for this
# project) and shows their sentiment, what drove it, and their entities.
set -euo pipefail
cd "$(dirname "$0")/.."
export PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}
make -s >/dev/null
make -s install >/dev/null
source test/cluster.sh
sentimen_cluster_start
psql -X -q <<SQL
CREATE EXTENSION sentimen;
CREATE TABLE articles (id int PRIMARY KEY, outlet text, title text, body text);
\copy articles FROM 'test/data/sample_articles.tsv' WITH (FORMAT csv, DELIMITER E'\t', HEADER true, QUOTE E'\x01')

\echo
\echo '== sentiment of each article (scored as title, blank line, body)'
SELECT id, left(title, 60) AS title, (s).label, round((s).score::numeric, 2) AS score,
       round((s).confidence::numeric, 2) AS confidence
FROM articles, LATERAL sentimen_score(title || E'\n\n' || body) AS s
ORDER BY id;

\echo '== why article 1 is negatif: the strongest terms'
SELECT term, round(weight::numeric, 3) AS weight
FROM articles, LATERAL sentimen_explain(title || E'\n\n' || body)
WHERE id = 1 LIMIT 6;

\echo '== entities of article 1: canonical names, mentions, salience, sentiment toward each'
SELECT e.entity, e.type, e.mentions, round(e.salience::numeric, 2) AS salience, e.label,
       round(e.score::numeric, 2) AS score
FROM articles, LATERAL sentimen_entities(title || E'\n\n' || body) e
WHERE id = 1;

\echo '== the mentions behind them (substr(text, start, length) = mention)'
SELECT m.mention, m.type, m.entity, m.start, m.length
FROM articles, LATERAL sentimen_mentions(title || E'\n\n' || body) m
WHERE id = 1;

\echo '== most mentioned tokoh and organisations across the sample'
SELECT e.entity, e.type, count(*) AS articles, sum(e.mentions) AS mentions,
       count(*) FILTER (WHERE e.label = 'negatif') AS negatif_in
FROM articles, LATERAL sentimen_entities(title || E'\n\n' || body) e
WHERE e.type IN ('PERSON', 'ORG')
GROUP BY 1, 2 ORDER BY mentions DESC, 1 LIMIT 10;

\echo '== net sentiment per outlet'
SELECT outlet, count(*) AS articles,
       count(*) FILTER (WHERE sentimen_label(title || E'\n\n' || body) = 'positif') AS positif,
       count(*) FILTER (WHERE sentimen_label(title || E'\n\n' || body) = 'negatif') AS negatif
FROM articles GROUP BY outlet;
SQL
