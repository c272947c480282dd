-- Named entities: mentions with offsets, canonical names, dates, ambiguity, aliasing.
-- the signatures as \df shows them
\df sentimen_(mentions|entities|entities_json)

-- The Detik case: Elon Musk (2 mentions), Microsoft, a DATE, and "April" is never a band.
\set musk 'Elon Musk mengancam akan menggugat Microsoft karena dinilai melatih kecerdasan buatan dengan data Twitter secara ilegal. Ancaman itu berlaku mulai 25 April 2023, kata Musk.'
SELECT mention, type, entity, start, length FROM sentimen_mentions(:'musk');
SELECT entity, type, mentions FROM sentimen_entities(:'musk') ORDER BY entity;
-- every offset is exact
SELECT count(*) AS mentions, bool_and(substr(:'musk', start, length) = mention) AS offsets_ok
FROM sentimen_mentions(:'musk');
-- no other type for April
SELECT count(*) AS april_not_date FROM sentimen_mentions(:'musk')
WHERE mention ILIKE '%april%' AND type <> 'DATE';
-- the lawsuit threat is not good news for anyone in it
SELECT entity, label FROM sentimen_entities(:'musk') WHERE type IN ('PERSON', 'ORG') AND label = 'positif';

-- A title-case headline over the body: its words are not all one name
SELECT mention, type, entity FROM sentimen_mentions(
  E'Elon Musk Ancam Gugat Microsoft\n\nElon Musk mengancam akan menggugat Microsoft ke pengadilan. Musk menuduh perusahaan itu memakai data Twitter tanpa izin.');
SELECT mention, type FROM sentimen_mentions('Elon Musk Ancam Gugat Microsoft');

-- Offsets count characters, not bytes (accented letters, emoji before the name)
\set acc 'Café “Kopi Kenangan” 😀 dikunjungi Presiden Joko Widodo di Surakarta, Jawa Tengah.'
SELECT mention, type, entity, start, length, substr(:'acc', start, length) = mention AS ok
FROM sentimen_mentions(:'acc');

-- Titles stripped, short mentions and abbreviations linked
\set kpk 'Presiden Joko Widodo meminta Komisi Pemberantasan Korupsi (KPK) mengusut kasus itu. KPK berjanji bekerja cepat, kata Widodo di Jakarta.'
SELECT mention, type, entity FROM sentimen_mentions(:'kpk');
SELECT entity, type, mentions FROM sentimen_entities(:'kpk') ORDER BY entity;

-- well-known nicknames resolve to the full name, also across articles
SELECT mention, type, entity FROM sentimen_mentions('Jokowi bertemu Prabowo di Istana. Presiden Joko Widodo lalu pergi.');
SELECT entity, mentions FROM sentimen_entities('Jokowi dan Ahok makan siang bersama.') ORDER BY entity;

-- Dates and times
SELECT mention, type FROM sentimen_mentions(
  'Rapat digelar Senin (12/3) pukul 10.00 WIB di Gedung DPR. Proyek itu dimulai Desember lalu dan selesai pada 2025, tepatnya 17 Agustus 2025.')
WHERE type = 'DATE';
-- a month name alone, with no date around it, is not a date
SELECT count(*) AS dates FROM sentimen_mentions('Band April merilis album baru.') WHERE type = 'DATE';
-- ordinary words that are also names stay words; the name needs context
SELECT count(*) AS entities FROM sentimen_mentions('petani menanam padi di sawah sejak pagi hari.');
SELECT count(*) AS entities FROM sentimen_mentions('Harga saham naik antara 2 hingga 5 persen, kata analis.');
SELECT count(*) AS entities FROM sentimen_mentions('SAHAM AMAN DAN AYAM NAIK TAJAM HARI INI.');
SELECT mention, type FROM sentimen_mentions('Kantor berita Antara melaporkan gempa di Cianjur.');
SELECT mention, type FROM sentimen_mentions('Padi tumbuh subur pada Mei lalu, sementara band Padi merilis album.');

-- Events and products
SELECT mention, type FROM sentimen_mentions(
  'Timnas Indonesia lolos ke final Piala AFF 2024, sementara Samsung meluncurkan Galaxy S24 di Seoul.')
ORDER BY start;

-- One row per entity, salience in [0, 1], the most salient first
SELECT bool_and(salience BETWEEN 0 AND 1) AS salience_ok,
       (array_agg(entity ORDER BY salience DESC))[1] AS top
FROM sentimen_entities(:'musk');

-- jsonb form carries the same rows
SELECT jsonb_array_length(sentimen_entities_json(:'musk')) =
       (SELECT count(*) FROM sentimen_entities(:'musk')) AS same_count;
SELECT e->>'entity' AS entity, e->>'type' AS type, (e->>'mentions')::int AS mentions
FROM jsonb_array_elements(sentimen_entities_json(:'musk')) e ORDER BY 1;
SELECT sentimen_entities_json(:'musk') @> '[{"entity": "Elon Musk", "type": "PERSON", "mentions": 2}]' AS has_musk;

-- Edge cases: NULL, empty, blank, emoji-only, punctuation, very long text
SELECT count(*) FROM sentimen_mentions(NULL);
SELECT count(*) FROM sentimen_mentions('');
SELECT count(*) FROM sentimen_entities('   \t  ');
SELECT sentimen_entities_json('');
SELECT sentimen_entities_json(NULL) IS NULL AS json_null;
SELECT count(*) FROM sentimen_mentions('😀😀😀 🙏');
SELECT count(*) FROM sentimen_mentions('((((((( ))))))) ,,,, ....');
SELECT count(*) AS long_mentions, bool_and(substr(t, start, length) = mention) AS offsets_ok
FROM (SELECT repeat('Menteri Keuangan Sri Mulyani berbicara di Jakarta pada 5 Mei 2024. ', 2000) AS t) s,
     sentimen_mentions(t);
SELECT entity, type, mentions FROM sentimen_entities(
  repeat('Menteri Keuangan Sri Mulyani berbicara di Jakarta pada 5 Mei 2024. ', 2000)) ORDER BY entity;
