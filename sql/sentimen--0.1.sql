/* sentimen 0.1: article-level sentiment for Indonesian news */

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION sentimen" to load this file. \quit

CREATE TYPE @extschema@.sentimen_result AS (
    label      text,
    score      double precision,
    confidence double precision
);

COMMENT ON TYPE @extschema@.sentimen_result IS
    'sentiment of a text: label (positif, netral, negatif), score in [-1, 1] = P(positif) - P(negatif), confidence = probability of the label';

-- All functions below depend only on the compiled-in model: IMMUTABLE.
-- COST reflects the work per call on a typical 2 KB article (relative to
-- lower(), which is COST 1), so the planner considers parallel plans.

CREATE FUNCTION @extschema@.sentimen_score(text)
RETURNS @extschema@.sentimen_result
AS 'MODULE_PATHNAME', 'sentimen_sql_score'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 100;

COMMENT ON FUNCTION @extschema@.sentimen_score(text) IS
    'sentiment of an Indonesian text (score title || E''\n\n'' || body for articles)';

CREATE FUNCTION @extschema@.sentimen_label(text)
RETURNS text
AS 'MODULE_PATHNAME', 'sentimen_sql_label'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 100;

COMMENT ON FUNCTION @extschema@.sentimen_label(text) IS
    'sentiment label of an Indonesian text: positif, netral or negatif';

CREATE FUNCTION @extschema@.sentimen_explain(text, OUT term text, OUT weight double precision)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'sentimen_sql_explain'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 200 ROWS 50;

COMMENT ON FUNCTION @extschema@.sentimen_explain(text) IS
    'terms behind the sentiment of a text, strongest first; weight > 0 pushes towards positif, < 0 towards negatif';

CREATE FUNCTION @extschema@.sentimen_tokens(text)
RETURNS text[]
AS 'MODULE_PATHNAME', 'sentimen_sql_tokens'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 50;

COMMENT ON FUNCTION @extschema@.sentimen_tokens(text) IS
    'the normalised tokens the sentiment model sees';

-- Named entities.  Positions are 1-based characters: substr(input, start, length) = mention.
CREATE FUNCTION @extschema@.sentimen_mentions(text, OUT mention text, OUT type text,
    OUT entity text, OUT start integer, OUT length integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'sentimen_sql_mentions'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000 ROWS 20;
COMMENT ON FUNCTION @extschema@.sentimen_mentions(text) IS
    'entity mentions in text order: the mention, its type (PERSON, ORG, LOC, PRODUCT, EVENT, DATE), the canonical entity, 1-based character start and length';

CREATE FUNCTION @extschema@.sentimen_entities(text, OUT entity text, OUT type text,
    OUT mentions integer, OUT salience double precision, OUT label text,
    OUT score double precision)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'sentimen_sql_entities'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 2000 ROWS 10;
COMMENT ON FUNCTION @extschema@.sentimen_entities(text) IS
    'one row per entity, most salient first: canonical name, type, mention count, salience in [0, 1], and the sentiment of the sentences that mention it (NULL for dates)';

CREATE FUNCTION @extschema@.sentimen_entities_json(text)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'sentimen_sql_entities_json'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 2000;
COMMENT ON FUNCTION @extschema@.sentimen_entities_json(text) IS
    'sentimen_entities() as a jsonb array of objects (salience and score rounded to 4 decimals), for storing in a column';
