/* sentimen 0.1 -> 0.2: channels, annotation trigger, domain profiles, training in SQL, analytics */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION sentimen UPDATE TO '0.2'" to load this file. \quit

-- ---------------------------------------------------------------------------
-- Channels ("Jenis Media"), issue 6: new in 0.2.
-- ---------------------------------------------------------------------------

CREATE TYPE @extschema@.sentimen_channel_result AS (
    channel    text,
    confidence double precision
);

COMMENT ON TYPE @extschema@.sentimen_channel_result IS
    'desk of a news text: channel (nasional, internasional, ekonomi, olahraga, hiburan, tekno, otomotif, gaya_hidup), confidence = probability of the channel';

-- The compiled-in channel model only: IMMUTABLE.  COST as sentimen_score
-- (one featuriser pass and a linear model over 8 classes).
CREATE FUNCTION @extschema@.sentimen_channel(text)
RETURNS @extschema@.sentimen_channel_result
AS 'MODULE_PATHNAME', 'sentimen_sql_channel'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 100;

COMMENT ON FUNCTION @extschema@.sentimen_channel(text) IS
    'channel of an Indonesian news text (pass title || E''\n\n'' || body); NULL for a text without words';

-- ---------------------------------------------------------------------------
-- Domain profiles: lexicon overrides and extra gazetteer entries (issue 4).
-- User rows are kept by pg_dump (pg_extension_config_dump).  A row trigger
-- refuses terms and names the core cannot use; a statement trigger tells
-- every session's cache that the table changed.
-- ---------------------------------------------------------------------------

CREATE FUNCTION @extschema@.sentimen_table_changed()
RETURNS trigger
AS 'MODULE_PATHNAME', 'sentimen_table_changed'
LANGUAGE C;

CREATE TABLE @extschema@.sentimen_lexicon (
    profile text NOT NULL CHECK (profile <> ''),
    term    text NOT NULL,
    weight  double precision NOT NULL CHECK (weight BETWEEN -20 AND 20),
    PRIMARY KEY (profile, term)
);
COMMENT ON TABLE @extschema@.sentimen_lexicon IS
    'lexicon overrides per profile: a word or phrase (1 to 4 tokens) and a weight added to logit(positif) - logit(negatif) when it occurs (weight * (1 + ln count))';

CREATE TABLE @extschema@.sentimen_gazetteer (
    profile   text NOT NULL CHECK (profile <> ''),
    name      text NOT NULL,
    type      text NOT NULL CHECK (type IN ('PERSON', 'ORG', 'LOC', 'PRODUCT', 'EVENT')),
    canonical text,
    PRIMARY KEY (profile, name)
);
COMMENT ON TABLE @extschema@.sentimen_gazetteer IS
    'extra gazetteer entries per profile: a name (matched case-insensitively on whole words) becomes an entity of the type, named canonical (NULL: the name itself)';

CREATE TABLE @extschema@.sentimen_models (
    name       text PRIMARY KEY CHECK (name <> ''),
    model      bytea NOT NULL,
    classes    text[] NOT NULL,
    n_train    integer,
    n_test     integer,
    macro_f1   double precision,
    metrics    jsonb,
    settings   jsonb,
    trained_at timestamptz NOT NULL DEFAULT now(),
    trained_by name NOT NULL DEFAULT current_user
);
COMMENT ON TABLE @extschema@.sentimen_models IS
    'sentiment models trained in SQL by sentimen_train(): the model blob, held-out metrics and settings';

CREATE TRIGGER sentimen_lexicon_check BEFORE INSERT OR UPDATE ON @extschema@.sentimen_lexicon
    FOR EACH ROW EXECUTE FUNCTION @extschema@.sentimen_table_changed();
CREATE TRIGGER sentimen_gazetteer_check BEFORE INSERT OR UPDATE ON @extschema@.sentimen_gazetteer
    FOR EACH ROW EXECUTE FUNCTION @extschema@.sentimen_table_changed();
CREATE TRIGGER sentimen_lexicon_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON @extschema@.sentimen_lexicon
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.sentimen_table_changed();
CREATE TRIGGER sentimen_gazetteer_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON @extschema@.sentimen_gazetteer
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.sentimen_table_changed();
CREATE TRIGGER sentimen_models_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON @extschema@.sentimen_models
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.sentimen_table_changed();

SELECT pg_catalog.pg_extension_config_dump('@extschema@.sentimen_lexicon', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.sentimen_gazetteer', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.sentimen_models', '');

-- Everyone may read; the database owner may change them (grant more as needed).
GRANT SELECT ON @extschema@.sentimen_lexicon, @extschema@.sentimen_gazetteer,
    @extschema@.sentimen_models TO PUBLIC;
DO $$
BEGIN
    EXECUTE pg_catalog.format(
        'GRANT INSERT, UPDATE, DELETE, TRUNCATE ON @extschema@.sentimen_lexicon, '
        '@extschema@.sentimen_gazetteer, @extschema@.sentimen_models TO %I',
        (SELECT pg_catalog.pg_get_userbyid(datdba) FROM pg_catalog.pg_database
          WHERE datname = pg_catalog.current_database()));
END
$$;

-- Functions that read the tables (a profile, a stored model) are STABLE;
-- a NULL profile means the sentimen.profile setting.

CREATE FUNCTION @extschema@.sentimen_score(text, model_name text, profile text DEFAULT NULL)
RETURNS @extschema@.sentimen_result
AS 'MODULE_PATHNAME', 'sentimen_sql_score_with'
LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE COST 100;
COMMENT ON FUNCTION @extschema@.sentimen_score(text, text, text) IS
    'sentiment with a stored model (NULL: the compiled-in one) and a profile''s lexicon overrides (NULL: sentimen.profile)';

CREATE FUNCTION @extschema@.sentimen_label(text, profile text)
RETURNS text
AS 'MODULE_PATHNAME', 'sentimen_sql_label_profile'
LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE COST 100;
COMMENT ON FUNCTION @extschema@.sentimen_label(text, text) IS
    'sentiment label with a profile''s lexicon overrides (NULL: sentimen.profile)';

CREATE FUNCTION @extschema@.sentimen_mentions(text, profile text, OUT mention text, OUT type text,
    OUT entity text, OUT start integer, OUT length integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'sentimen_sql_mentions'
LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE COST 1000 ROWS 20;
COMMENT ON FUNCTION @extschema@.sentimen_mentions(text, text) IS
    'sentimen_mentions() with a profile''s gazetteer entries (NULL: sentimen.profile)';

CREATE FUNCTION @extschema@.sentimen_entities(text, profile text, OUT entity text, OUT type text,
    OUT mentions integer, OUT salience double precision, OUT label text,
    OUT score double precision)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'sentimen_sql_entities'
LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE COST 2000 ROWS 10;
COMMENT ON FUNCTION @extschema@.sentimen_entities(text, text) IS
    'sentimen_entities() with a profile''s gazetteer entries (NULL: sentimen.profile)';

CREATE FUNCTION @extschema@.sentimen_entities_json(text, profile text)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'sentimen_sql_entities_json'
LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE COST 2000;
COMMENT ON FUNCTION @extschema@.sentimen_entities_json(text, text) IS
    'sentimen_entities_json() with a profile''s gazetteer entries (NULL: sentimen.profile)';

-- ---------------------------------------------------------------------------
-- Annotation on insert.
-- ---------------------------------------------------------------------------

CREATE FUNCTION @extschema@.sentimen_annotate()
RETURNS trigger
AS 'MODULE_PATHNAME', 'sentimen_annotate'
LANGUAGE C;
COMMENT ON FUNCTION @extschema@.sentimen_annotate() IS
    'BEFORE INSERT OR UPDATE FOR EACH ROW trigger; arguments key=value: text=title,body label=COL score=COL confidence=COL entities=COL channel=COL [profile=NAME] [model=NAME]';

-- ---------------------------------------------------------------------------
-- Training in SQL.  The query runs with the caller's privileges.
-- ---------------------------------------------------------------------------

CREATE FUNCTION @extschema@.sentimen_train(model_name text, query text,
    test_fraction double precision DEFAULT 0.2, l2 double precision DEFAULT 1e-5,
    iterations integer DEFAULT 100, replace boolean DEFAULT false,
    OUT class text, OUT "precision" double precision, OUT recall double precision,
    OUT f1 double precision, OUT support integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'sentimen_sql_train'
LANGUAGE C VOLATILE CALLED ON NULL INPUT PARALLEL UNSAFE ROWS 4;
COMMENT ON FUNCTION @extschema@.sentimen_train(text, text, double precision, double precision, integer, boolean) IS
    'train a sentiment model from a query returning (text, label) and store it in sentimen_models; returns held-out precision, recall, F1 per class and a "macro" row';

CREATE FUNCTION @extschema@.sentimen_drop_model(model_name text)
RETURNS boolean
LANGUAGE sql VOLATILE STRICT
SET search_path = pg_catalog, pg_temp
AS $$
    WITH d AS (DELETE FROM @extschema@.sentimen_models WHERE name = model_name RETURNING 1)
    SELECT pg_catalog.count(*) > 0 FROM d
$$;
COMMENT ON FUNCTION @extschema@.sentimen_drop_model(text) IS
    'drop a stored model; false if there was none';

CREATE VIEW @extschema@.sentimen_model_list AS
    SELECT name, classes, n_train, n_test, macro_f1,
           pg_catalog.octet_length(model) AS bytes, trained_at, trained_by, metrics, settings
      FROM @extschema@.sentimen_models;
COMMENT ON VIEW @extschema@.sentimen_model_list IS 'the stored models with their held-out figures';
GRANT SELECT ON @extschema@.sentimen_model_list TO PUBLIC;

-- ---------------------------------------------------------------------------
-- Analytics over a user's article table (reference schema in README.md:
-- id, outlet, published_at, title, body, label, score, confidence,
-- entities jsonb, channel).  They run with the caller's privileges.
-- ---------------------------------------------------------------------------

-- net sentiment = (positif - negatif) / n over non-NULL labels
CREATE FUNCTION @extschema@.sentimen_net_step(bigint[], text)
RETURNS bigint[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT ARRAY[$1[1] + ($2 = 'positif')::int, $1[2] + ($2 = 'negatif')::int, $1[3] + 1] $$;

CREATE FUNCTION @extschema@.sentimen_net_combine(bigint[], bigint[])
RETURNS bigint[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT ARRAY[$1[1] + $2[1], $1[2] + $2[2], $1[3] + $2[3]] $$;

CREATE FUNCTION @extschema@.sentimen_net_final(bigint[])
RETURNS double precision
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT CASE WHEN $1[3] = 0 THEN NULL ELSE ($1[1] - $1[2])::float8 / $1[3] END $$;

CREATE AGGREGATE @extschema@.sentimen_net(text) (
    SFUNC = @extschema@.sentimen_net_step,
    STYPE = bigint[],
    FINALFUNC = @extschema@.sentimen_net_final,
    COMBINEFUNC = @extschema@.sentimen_net_combine,
    INITCOND = '{0,0,0}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.sentimen_net(text) IS
    'net sentiment of labels: (positif - negatif) / count of non-NULL labels, in [-1, 1]';

CREATE FUNCTION @extschema@.sentimen_daily(tbl regclass,
    since timestamptz DEFAULT NULL, until timestamptz DEFAULT NULL)
RETURNS TABLE (day date, outlet text, channel text, articles bigint, positif bigint,
               netral bigint, negatif bigint, net double precision, avg_score double precision)
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    has_channel boolean;
BEGIN
    SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
                    WHERE a.attrelid = $1 AND a.attname = 'channel' AND NOT a.attisdropped)
      INTO has_channel;
    RETURN QUERY EXECUTE pg_catalog.format(
        'SELECT (t.published_at)::date, t.outlet::text, %s, pg_catalog.count(*), '
        '       pg_catalog.count(*) FILTER (WHERE t.label = ''positif''), '
        '       pg_catalog.count(*) FILTER (WHERE t.label = ''netral''), '
        '       pg_catalog.count(*) FILTER (WHERE t.label = ''negatif''), '
        '       @extschema@.sentimen_net(t.label::text), pg_catalog.avg(t.score)::float8 '
        '  FROM %s t '
        ' WHERE ($1 IS NULL OR t.published_at >= $1) AND ($2 IS NULL OR t.published_at < $2) '
        ' GROUP BY 1, 2, 3 ORDER BY 1, 2, 3',
        CASE WHEN has_channel THEN 't.channel::text' ELSE 'NULL::text' END, $1)
    USING since, until;
END
$$;
COMMENT ON FUNCTION @extschema@.sentimen_daily(regclass, timestamptz, timestamptz) IS
    'sentiment per day, outlet and channel (NULL without a channel column) of an annotated article table, published_at in [since, until)';

CREATE FUNCTION @extschema@.sentimen_top_entities(tbl regclass,
    since timestamptz DEFAULT NULL, until timestamptz DEFAULT NULL, n integer DEFAULT 20,
    entity_type text DEFAULT NULL, channel text DEFAULT NULL)
RETURNS TABLE (entity text, type text, articles bigint, mentions bigint, positif bigint,
               negatif bigint, net double precision, avg_score double precision)
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    has_channel boolean;
BEGIN
    SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
                    WHERE a.attrelid = $1 AND a.attname = 'channel' AND NOT a.attisdropped)
      INTO has_channel;
    IF $6 IS NOT NULL AND NOT has_channel THEN
        RAISE EXCEPTION 'table % has no column "channel"', $1
            USING ERRCODE = 'undefined_column';
    END IF;
    RETURN QUERY EXECUTE pg_catalog.format(
        'SELECT e.entity, e.type, pg_catalog.count(DISTINCT t.ctid), pg_catalog.sum(e.mentions)::bigint, '
        '       pg_catalog.count(*) FILTER (WHERE e.label = ''positif''), '
        '       pg_catalog.count(*) FILTER (WHERE e.label = ''negatif''), '
        '       @extschema@.sentimen_net(e.label), pg_catalog.avg(e.score)::float8 '
        '  FROM %s t, '
        '       pg_catalog.jsonb_to_recordset(t.entities) '
        '         AS e(entity text, type text, mentions int, label text, score float8) '
        ' WHERE ($1 IS NULL OR t.published_at >= $1) AND ($2 IS NULL OR t.published_at < $2) '
        '   AND e.type <> ''DATE'' AND ($3 IS NULL OR e.type = $3) %s '
        ' GROUP BY 1, 2 ORDER BY 3 DESC, 1 LIMIT $4',
        $1, CASE WHEN has_channel THEN 'AND ($5 IS NULL OR t.channel = $5)' ELSE '' END)
    USING since, until, entity_type, n, channel;
END
$$;
COMMENT ON FUNCTION @extschema@.sentimen_top_entities(regclass, timestamptz, timestamptz, integer, text, text) IS
    'the most mentioned entities (by articles) of an annotated article table in [since, until), with their net sentiment; optionally of one type and one channel';
