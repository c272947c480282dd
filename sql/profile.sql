-- domain profiles: lexicon overrides and gazetteer entries
SET extra_float_digits = 0;
\df sentimen_label
\df sentimen_entities
SELECT p.oid::regprocedure AS function, p.provolatile, p.proisstrict, p.proparallel
FROM pg_proc p
WHERE p.proname IN ('sentimen_score', 'sentimen_label', 'sentimen_mentions', 'sentimen_entities',
                    'sentimen_entities_json')
ORDER BY p.oid::regprocedure::text;
-- user rows are kept by pg_dump
SELECT c.relname FROM pg_extension e, unnest(e.extconfig) r, pg_class c
WHERE e.extname = 'sentimen' AND c.oid = r ORDER BY 1;

\set VERBOSITY default
INSERT INTO sentimen_lexicon VALUES ('bank', 'paylater', -12), ('bank', 'gagal bayar', -4);
INSERT INTO sentimen_gazetteer VALUES
  ('bank', 'paylater', 'PRODUCT', 'PayLater Mandiri'),
  ('bank', 'Bahlil', 'PERSON', 'Bahlil Lahadalia');
-- refused on the way in
INSERT INTO sentimen_lexicon VALUES ('bank', 'satu dua tiga empat lima', 1);
INSERT INTO sentimen_lexicon VALUES ('bank', '...', 1);
INSERT INTO sentimen_lexicon VALUES ('bank', 'bagus', 100);
INSERT INTO sentimen_gazetteer VALUES ('bank', 'Senin', 'DATE', NULL);

-- overrides change the score
SELECT (sentimen_score(t)).label AS builtin,
       (sentimen_score(t, NULL, 'bank')).label AS bank,
       (sentimen_score(t, NULL, 'bank')).score < (sentimen_score(t)).score AS lower
FROM (VALUES ('Bank Mandiri meluncurkan fitur paylater baru untuk nasabah')) v(t);
-- the profile argument, or sentimen.profile when it is NULL
SELECT sentimen_label('Bank Mandiri meluncurkan fitur paylater baru untuk nasabah', NULL) AS no_profile;
SET sentimen.profile = 'bank';
SELECT sentimen_label('Bank Mandiri meluncurkan fitur paylater baru untuk nasabah', NULL) AS guc_profile;
-- the compiled-in, IMMUTABLE paths ignore the setting
SELECT sentimen_label('Bank Mandiri meluncurkan fitur paylater baru untuk nasabah') AS builtin;
-- gazetteer entries create and canonicalise entities
SELECT entity, type, mentions FROM sentimen_entities('Bahlil meresmikan paylater. Menteri Bahlil Lahadalia senang.', NULL);
SELECT mention, type, entity, substr('Bahlil meresmikan paylater.', start, length) = mention AS offsets_ok
FROM sentimen_mentions('Bahlil meresmikan paylater.', 'bank');
SELECT jsonb_array_length(sentimen_entities_json('Bahlil meresmikan paylater.', 'bank'));
RESET sentimen.profile;
SELECT entity, type FROM sentimen_entities('Bahlil meresmikan paylater.');
-- changes are seen at once (same session) ...
UPDATE sentimen_lexicon SET weight = 12 WHERE profile = 'bank' AND term = 'paylater';
SELECT sentimen_label('Bank Mandiri meluncurkan fitur paylater baru untuk nasabah', 'bank');
DELETE FROM sentimen_gazetteer WHERE name = 'Bahlil';
SELECT entity, type FROM sentimen_entities('Bahlil meresmikan paylater.', 'bank');
-- unknown profile; NULL text
SELECT sentimen_label('bagus', 'nope');
SELECT sentimen_label(NULL, 'bank'), sentimen_score(NULL, NULL, 'bank'),
       sentimen_entities_json(NULL, 'bank');
SELECT count(*) FROM sentimen_entities(NULL, 'bank');

-- ... and by another session without reconnecting (dblink)
CREATE EXTENSION dblink;
SELECT dblink_connect('other', format('dbname=%s host=%s port=%s', current_database(),
    split_part(current_setting('unix_socket_directories'), ',', 1), current_setting('port')));
SELECT * FROM dblink('other', $$SELECT sentimen_label('Bank Mandiri meluncurkan fitur paylater baru untuk nasabah', 'bank')$$) AS t(label text);
UPDATE sentimen_lexicon SET weight = -12 WHERE profile = 'bank' AND term = 'paylater';
SELECT * FROM dblink('other', $$SELECT sentimen_label('Bank Mandiri meluncurkan fitur paylater baru untuk nasabah', 'bank')$$) AS t(label text);
INSERT INTO sentimen_gazetteer VALUES ('bank', 'Bahlil', 'PERSON', 'Bahlil Lahadalia');
SELECT * FROM dblink('other', $$SELECT entity FROM sentimen_entities('Bahlil datang.', 'bank')$$) AS t(entity text);
TRUNCATE sentimen_gazetteer;
SELECT * FROM dblink('other', $$SELECT entity FROM sentimen_entities('Bahlil datang.', 'bank')$$) AS t(entity text);
SELECT dblink_disconnect('other');
DROP EXTENSION dblink;
DELETE FROM sentimen_lexicon;
