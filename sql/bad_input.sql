-- Bad-input matrix (issue 5): every user-facing function on inputs that
-- scrapers produce.  Each row has a defined result or an error with a
-- SQLSTATE; none may crash the backend.  Timing, cancellation and the plain
-- role are checked by test/bad_input.sh, which pg_regress cannot do.
SELECT f, to_regprocedure(f) IS NOT NULL AS exists
FROM unnest(ARRAY['sentimen_score(text)', 'sentimen_label(text)', 'sentimen_explain(text)',
                  'sentimen_tokens(text)', 'sentimen_channel(text)', 'sentimen_mentions(text)',
                  'sentimen_entities(text)', 'sentimen_entities_json(text)']) AS f;

CREATE TEMP TABLE bad (name text PRIMARY KEY, t text);
INSERT INTO bad VALUES
  ('null', NULL),
  ('empty', ''),
  ('whitespace', E' \t\n\r\f\x0b\u00a0\u2003\u3000 '),
  ('control chars', E'\x01\x02\x07\x1b[31mHarga BBM naik\x1b[0m\x7f\x08'),
  ('emoji only', '🙂😡🔥👍🏽🇮🇩👨‍👩‍👧'),
  ('zero-width only', E'\u200b\u200c\u200d\u2060\ufeff'),
  ('combining marks', E'e\u0301\u0301\u0301\u0301 a\u0308\u0308'),
  ('arabic', 'الحكومة الإندونيسية ترفع أسعار الوقود في جاكرتا'),
  ('hebrew', 'הממשלה האינדונזית העלתה את מחירי הדלק'),
  ('bidi controls', E'\u202eHarga BBM naik\u202c \u200fJokowi\u200e \u2066Jakarta\u2069'),
  ('mixed rtl', 'Presiden Joko Widodo bertemu مسؤولين من السعودية di Jakarta'),
  ('html', '<div class="artikel"><h1>Harga <b>BBM</b> naik</h1><p>Presiden&nbsp;Joko Widodo&amp;Menteri Sri Mulyani di <a href="https://www.detik.com/x?a=1&b=2">Jakarta</a>.</p><script>var x = "<p>";</script><!-- iklan --></div>'),
  ('markup leftovers', E'[caption id="x"]Foto: Detik[/caption] {{ iklan }} ADVERTISEMENT SCROLL TO CONTINUE WITH CONTENT\n\nBaca juga: KPK tangkap pejabat &#8220;nakal&#8221; &lt;br&gt;'),
  ('punctuation only', '!!! ??? ... --- *** ((( )))'),
  ('digits only', '2024 10.000 3,5 12/3/2024 +62 812-3456-7890'),
  ('urls only', 'https://www.detik.com/berita/d-123 www.kompas.com info@contoh.co.id @kompascom #mudik2024'),
  ('one letter', 'a'),
  ('surrogate-like', E'\uFFFD\uFFFD \uFFFF\uFFFE'),
  ('private use', E'\uE000\uF8FF \U000F0000');

-- sentiment: label, score, confidence; texts without words are netral 0 1
SELECT name, (s).label, round((s).score::numeric, 3) AS score, round((s).confidence::numeric, 3) AS confidence,
       sentimen_label(t) = (s).label AS label_agrees
FROM (SELECT name, t, sentimen_score(t) AS s FROM bad) x ORDER BY name;

-- tokens and explanations
SELECT name, sentimen_tokens(t) AS tokens FROM bad ORDER BY name;
SELECT name, (SELECT count(*) FROM sentimen_explain(t)) AS explain_terms FROM bad ORDER BY name;

-- channel: NULL for a text without words
SELECT name, (c).channel, round((c).confidence::numeric, 3) AS confidence
FROM (SELECT name, sentimen_channel(t) AS c FROM bad) x ORDER BY name;

-- entities: mentions point into the input (substr(input, start, length) = mention)
SELECT b.name, m.mention, m.type, m.entity, m.start, m.length, substr(b.t, m.start, m.length) = m.mention AS substr_ok
FROM bad b, LATERAL sentimen_mentions(b.t) m ORDER BY b.name, m.start;
SELECT b.name, e.entity, e.type, e.mentions, e.label FROM bad b, LATERAL sentimen_entities(b.t) e
ORDER BY b.name, e.entity;
SELECT name, sentimen_entities_json(t) FROM bad ORDER BY name;

-- a single 100 KB token, and a 100 KB URL
SELECT (sentimen_score(repeat('ab', 50000))).*, cardinality(sentimen_tokens(repeat('ab', 50000))) AS tokens,
       length((sentimen_tokens(repeat('ab', 50000)))[1]) AS token_chars;
SELECT (sentimen_channel(repeat('ab', 50000))).channel IS NOT NULL AS has_channel,
       (SELECT count(*) FROM sentimen_explain(repeat('ab', 50000))) AS explain_terms,
       (SELECT count(*) FROM sentimen_mentions(repeat('ab', 50000))) AS mentions,
       sentimen_entities_json(repeat('ab', 50000)) AS entities;
SELECT sentimen_tokens('https://www.detik.com/' || repeat('x', 100000)) IS NOT NULL AS long_url_ok;

-- one word repeated 1M times (6 MB)
SELECT (s).label, round((s).confidence::numeric, 2) AS confidence
FROM (SELECT sentimen_score(repeat('bagus ', 1000000)) AS s) x;
SELECT cardinality(sentimen_tokens(repeat('bagus ', 1000000))) AS tokens,
       (SELECT count(*) FROM sentimen_explain(repeat('bagus ', 1000000))) AS explain_terms,
       (sentimen_channel(repeat('bagus ', 1000000))).channel IS NOT NULL AS has_channel,
       (SELECT count(*) FROM sentimen_mentions(repeat('Jokowi ', 1000000))) AS mentions,
       sentimen_entities_json(repeat('Jokowi ', 1000000)) AS entities;

-- 100 MB of text (2M sentences)
CREATE TEMP TABLE huge AS
  SELECT repeat('Presiden Joko Widodo meresmikan bandara baru di Jakarta dan warga senang. ', 1400000) AS t;
SELECT length(t) AS chars FROM huge;
SELECT (sentimen_score(t)).label, sentimen_label(t), (sentimen_channel(t)).channel IS NOT NULL AS has_channel,
       cardinality(sentimen_tokens(t)) AS tokens FROM huge;
SELECT count(*) AS explain_terms FROM huge, LATERAL sentimen_explain(t);
SELECT count(*) AS mentions, count(*) FILTER (WHERE start + length - 1 <= 105000000) AS in_range
FROM huge, LATERAL sentimen_mentions(t);
SELECT e.entity, e.type, e.mentions, e.label FROM huge, LATERAL sentimen_entities(t) e ORDER BY 1;
SELECT jsonb_array_length(sentimen_entities_json(t)) AS entities FROM huge;
DROP TABLE huge;

-- LATIN1 database: converted to UTF-8 and back; offsets are characters
SELECT current_database() AS regression_db \gset
CREATE DATABASE sentimen_bad_latin1 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
CREATE DATABASE sentimen_bad_sqlascii ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
\c sentimen_bad_latin1
SET client_encoding = 'UTF8';
CREATE EXTENSION sentimen;
CREATE TEMP TABLE l1 (t text);
INSERT INTO l1 VALUES ('Rápüt Çàfé Ñoño «über» ×÷ - Presiden Joko Widodo bertemu Menteri Sri Mulyani di Jakarta, warga kecewa.');
SELECT octet_length(t) = length(t) AS single_byte_chars, (sentimen_score(t)).label, sentimen_label(t),
       (sentimen_channel(t)).channel IS NOT NULL AS has_channel FROM l1;
SELECT sentimen_tokens(t) FROM l1;
SELECT count(*) > 0 AS explained FROM l1, LATERAL sentimen_explain(t);
SELECT m.mention, m.type, m.start, m.length, substr(l1.t, m.start, m.length) = m.mention AS substr_ok
FROM l1, LATERAL sentimen_mentions(l1.t) m ORDER BY m.start;
SELECT e.entity, e.type, e.mentions FROM l1, LATERAL sentimen_entities(t) e ORDER BY 1;
SELECT sentimen_entities_json(t) FROM l1;
-- normal forms with no LATIN1 equivalent: SQLSTATE 22P05 (µ folds to Greek mu)
SELECT sentimen_tokens('harga 5 µg');
\echo :LAST_ERROR_SQLSTATE
SELECT (sentimen_score('harga 5 µg')).label AS score_needs_no_output_conversion;

-- SQL_ASCII database: bytes are read as UTF-8; invalid UTF-8 is refused with 22021
\c sentimen_bad_sqlascii
CREATE EXTENSION sentimen;
CREATE TEMP TABLE bytes (name text, t text);
INSERT INTO bytes VALUES
  ('valid utf8', convert_from('\x507265736964656e204a6f6b6f205769646fc3b3', 'SQL_ASCII')),
  ('latin1 bytes', convert_from('\x4361666520c3a92043e9666520c3a9', 'SQL_ASCII')),
  ('lone continuation', convert_from('\x4a6f6b6f2080', 'SQL_ASCII')),
  ('overlong', convert_from('\x4a6f6b6fc0af', 'SQL_ASCII')),
  ('surrogate', convert_from('\x4a6f6b6feda080', 'SQL_ASCII')),
  ('truncated', convert_from('\x4a6f6b6fe282', 'SQL_ASCII')),
  ('above U+10FFFF', convert_from('\x4a6f6b6ff4908080', 'SQL_ASCII'));
SELECT name, octet_length(t) FROM bytes ORDER BY name;
SELECT sentimen_tokens(t), (sentimen_score(t)).label FROM bytes WHERE name = 'valid utf8';
SELECT (sentimen_score(t)).label FROM bytes WHERE name = 'latin1 bytes';
\echo :LAST_ERROR_SQLSTATE
SELECT sentimen_label(t) FROM bytes WHERE name = 'lone continuation';
\echo :LAST_ERROR_SQLSTATE
SELECT sentimen_tokens(t) FROM bytes WHERE name = 'overlong';
\echo :LAST_ERROR_SQLSTATE
SELECT count(*) FROM bytes, LATERAL sentimen_explain(t) WHERE name = 'surrogate';
\echo :LAST_ERROR_SQLSTATE
SELECT sentimen_channel(t) FROM bytes WHERE name = 'truncated';
\echo :LAST_ERROR_SQLSTATE
SELECT count(*) FROM bytes, LATERAL sentimen_mentions(t) WHERE name = 'above U+10FFFF';
\echo :LAST_ERROR_SQLSTATE
SELECT count(*) FROM bytes, LATERAL sentimen_entities(t) WHERE name = 'latin1 bytes';
\echo :LAST_ERROR_SQLSTATE
SELECT sentimen_entities_json(t) FROM bytes WHERE name = 'overlong';
\echo :LAST_ERROR_SQLSTATE

\c :regression_db
DROP DATABASE sentimen_bad_latin1;
DROP DATABASE sentimen_bad_sqlascii;
