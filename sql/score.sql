-- sentimen_score, sentimen_label, sentimen_explain: article-level sentiment
SET extra_float_digits = 0;

-- the signature as \df shows it
\df sentimen_(score|label|explain|tokens)
\dT sentimen_result

-- the product's reference case: a lawsuit threat is not good news
SELECT (s).label, (s).score < -0.5 AS clearly_negative, (s).confidence > 0.6 AS confident
FROM (SELECT sentimen_score('Elon Musk Ancam Gugat Microsoft') AS s) q;

-- clear cases in the three classes
SELECT sentimen_label(t) AS label, t
FROM (VALUES
    ('Ekspor Kopi Naik 20 Persen, Petani Sejahtera'),
    ('Banjir Rendam Ribuan Rumah, Dua Warga Meninggal Dunia'),
    ('KPK Tetapkan Bupati Sebagai Tersangka Korupsi'),
    ('pelayanannya sangat memuaskan dan makanannya enak'),
    ('pelayanannya lambat, makanannya tidak enak dan mahal'),
    ('Bank Indonesia Tahan Suku Bunga Acuan di Level 6 Persen')
) v(t);

-- negation flips polarity
SELECT sentimen_label('makanannya enak') AS plain,
       sentimen_label('makanannya tidak enak') AS negated,
       sentimen_label('makanannya gak enak') AS negated_informal;

-- ranges and internal consistency: score = P(positif) - P(negatif), confidence = P(label)
SELECT count(*) AS n,
       bool_and((s).score BETWEEN -1 AND 1) AS score_in_range,
       bool_and((s).confidence BETWEEN 1.0/3 AND 1) AS confidence_in_range,
       bool_and((s).label IN ('positif', 'netral', 'negatif')) AS labels_ok,
       bool_and((s).label = sentimen_label(t)) AS label_matches
FROM (SELECT t, sentimen_score(t) AS s
      FROM (VALUES ('a'), ('bagus'), ('jelek'), ('Harga BBM naik lagi'), ('😭😭😭'),
                   ('tidak buruk'), ('??'), ('123')) v(t)) q;

-- deterministic (IMMUTABLE): the same text gives the same result
SELECT sentimen_score('Ekspor Kopi Naik 20 Persen') = sentimen_score('Ekspor Kopi Naik 20 Persen') AS same;

-- edge cases: NULL (STRICT), empty, whitespace, emoji-only, punctuation-only
SELECT sentimen_score(NULL) IS NULL AS null_in_null_out, sentimen_label(NULL) IS NULL AS label_null;
-- a text without words has no sentiment: netral, score 0, confidence 1
SELECT name, (s).label, (s).score, (s).confidence
FROM (SELECT name, sentimen_score(t) AS s
      FROM (VALUES ('empty', ''), ('spaces', '   '), ('newlines', E'\n\n\t'),
                   ('punctuation', '!!! ??? ...')) v(name, t)) q
ORDER BY 1;
SELECT sentimen_label('') = sentimen_label(E' \n\t ') AS blank_texts_agree;
SELECT (sentimen_score('🙂🙂🙂')).label IS NOT NULL AS emoji_only,
       (sentimen_score(E'\u200b\u200d\ufeff')).label IS NOT NULL AS format_chars_only;

-- very long text: 1 MB article and a 200 KB single token
SELECT (sentimen_score(repeat('Banjir merendam rumah warga dan korban terus bertambah. ', 20000))).label AS long_negative,
       length(repeat('Banjir merendam rumah warga dan korban terus bertambah. ', 20000)) AS chars;
SELECT (sentimen_score(repeat('a', 200000))).label IS NOT NULL AS huge_token;

-- title-aware: an article scored as title || E'\n\n' || body
SELECT sentimen_label('Warga Keluhkan Pelayanan Rumah Sakit yang Lambat' || E'\n\n' ||
    'Sejumlah warga mengeluhkan pelayanan rumah sakit daerah yang lambat dan tidak ramah. ' ||
    'Pasien harus menunggu berjam-jam untuk mendapatkan obat.') AS article;

-- explain: the terms behind the decision, strongest first
SELECT term, pushes_negative FROM (
    SELECT term, weight < 0 AS pushes_negative
    FROM sentimen_explain('Elon Musk Ancam Gugat Microsoft')
    ORDER BY abs(weight) DESC LIMIT 2) top2
ORDER BY term;
SELECT count(*) = 0 AS nothing_to_explain FROM sentimen_explain('');
SELECT bool_and(abs(weight) > 0) AS nonzero,
       (array_agg(term ORDER BY abs(weight) DESC))[1] = 'tidak enak' AS negation_is_a_term
FROM sentimen_explain('makanannya tidak enak');
-- explain is ordered by strength as returned
SELECT bool_and(ok) AS ordered FROM (
    SELECT abs(weight) <= lag(abs(weight)) OVER (ORDER BY ord) OR lag(weight) OVER (ORDER BY ord) IS NULL AS ok
    FROM sentimen_explain('Pendapatan naik, laba turun dan saham anjlok') WITH ORDINALITY e(term, weight, ord)) q;

-- usable on a table, in parallel plans, and in an index expression (IMMUTABLE)
CREATE TABLE articles (id int PRIMARY KEY, title text, body text);
INSERT INTO articles VALUES
    (1, 'Elon Musk Ancam Gugat Microsoft', 'Musk menuduh Microsoft memakai data tanpa izin.'),
    (2, 'Ekspor Kopi Naik 20 Persen, Petani Sejahtera', 'Pendapatan petani meningkat dan produksi terus tumbuh.'),
    (3, 'Jadwal KRL Selama Libur Lebaran', 'Kereta pertama berangkat pukul 04.00 WIB.');
SELECT id, (sentimen_score(title || E'\n\n' || body)).label FROM articles ORDER BY id;
CREATE INDEX ON articles ((sentimen_label(title || E'\n\n' || body)));
SELECT provolatile, proparallel, proisstrict, procost FROM pg_proc WHERE proname = 'sentimen_score';
DROP TABLE articles;
