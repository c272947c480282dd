-- training in SQL, stored models, refusal of corrupt models
SET extra_float_digits = 0;
\df sentimen_train
\df sentimen_drop_model
\d sentimen_model_list
SET client_min_messages = warning;

-- a small labelled set (repeated, so the held-out split has every label)
CREATE TABLE labelled AS
SELECT t, l FROM (VALUES
  ('pelayanan sangat bagus dan ramah, saya puas', 'positive'),
  ('makanannya enak sekali, harga murah', 'positive'),
  ('kamar bersih, pemandangan indah, rekomendasi', 'positive'),
  ('pelayanan buruk, saya kecewa sekali', 'negative'),
  ('makanan basi dan mahal, tidak enak', 'negative'),
  ('kamar kotor, bau, mengecewakan', 'negative'),
  ('toko buka jam sembilan pagi', 'neutral'),
  ('rapat diadakan di gedung utama', 'neutral'),
  ('harga tiket diumumkan besok', 'neutral')) v(t, l), generate_series(1, 20);

SELECT class, round(f1::numeric, 2) >= 0.5 AS f1_ok, support > 0 AS has_support
FROM sentimen_train('toy', 'SELECT t, l FROM labelled') ORDER BY class;
SELECT name, classes, n_train + n_test AS n, macro_f1 > 0.5 AS ok, bytes > 1000 AS has_bytes,
       metrics ? 'macro_f1' AS has_metrics
FROM sentimen_model_list;
SELECT (sentimen_score('pelayanan sangat bagus, saya puas', 'toy')).label;
SELECT (sentimen_score('kamar kotor dan bau', 'toy', NULL)).label;
SELECT sentimen_score(NULL, 'toy');

-- refusals
\set VERBOSITY default
SELECT * FROM sentimen_train('toy', 'SELECT t, l FROM labelled');
SELECT * FROM sentimen_train('toy2', 'SELECT t FROM labelled');
SELECT * FROM sentimen_train('toy2', 'SELECT t, ''one'' FROM labelled');
SELECT * FROM sentimen_train('toy2', 'DELETE FROM labelled');
SELECT * FROM sentimen_train('toy2', 'SELECT t, l FROM labelled', test_fraction => 1.5);
SELECT * FROM sentimen_train(NULL, 'SELECT 1');
SELECT sentimen_score('bagus', 'nope');
SELECT count(*) FROM labelled;
-- replace
SELECT count(*) FROM sentimen_train('toy', 'SELECT t, l FROM labelled', replace => true);

-- a corrupt stored model is refused, not trusted
UPDATE sentimen_models SET model = overlay(model PLACING '\xdeadbeef'::bytea FROM 300) WHERE name = 'toy';
SELECT sentimen_score('bagus', 'toy');
UPDATE sentimen_models SET model = substr(model, 1, 64) WHERE name = 'toy';
SELECT sentimen_score('bagus', 'toy');
UPDATE sentimen_models SET model = '\x00' WHERE name = 'toy';
SELECT sentimen_score('bagus', 'toy');
SELECT sentimen_drop_model('toy'), sentimen_drop_model('toy');
SELECT count(*) FROM sentimen_model_list;
DROP TABLE labelled;
