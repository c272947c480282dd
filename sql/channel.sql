-- sentimen_channel: the channel ("Jenis Media") of a news text
SET extra_float_digits = 0;

-- the signature and the result type
\df sentimen_channel
\dT sentimen_channel_result
SELECT p.provolatile, p.proisstrict, p.proparallel, p.procost
FROM pg_proc p WHERE p.proname = 'sentimen_channel';

-- short hand-written articles, two per channel (title, blank line, body)
CREATE TEMP TABLE channel_cases (want text, doc text);
INSERT INTO channel_cases VALUES
('nasional', E'DPR Sahkan Revisi Undang-Undang Pemilu\n\nRapat paripurna DPR mengesahkan revisi undang-undang pemilu setelah seluruh fraksi menyampaikan pandangan. Menteri Dalam Negeri mengatakan pemerintah siap menjalankan aturan baru itu menjelang pilkada serentak.'),
('nasional', E'Polisi Tangkap Pelaku Pembunuhan di Bekasi\n\nPolres Metro Bekasi menangkap seorang pria yang diduga membunuh tetangganya. Kapolres mengatakan tersangka dijerat pasal pembunuhan berencana dengan ancaman hukuman penjara seumur hidup.'),
('internasional', E'Presiden Prancis Kunjungi Ukraina\n\nPresiden Prancis tiba di Kyiv untuk bertemu Presiden Ukraina dan membahas bantuan militer. Kunjungan itu berlangsung ketika serangan Rusia ke kota-kota di timur Ukraina terus berlanjut.'),
('internasional', E'Gempa Magnitudo 7 Guncang Jepang, Peringatan Tsunami Dikeluarkan\n\nBadan Meteorologi Jepang mengeluarkan peringatan tsunami setelah gempa kuat mengguncang pantai timur laut negara itu. Perdana Menteri Jepang meminta warga menjauhi pantai.'),
('ekonomi', E'Rupiah Menguat, IHSG Ditutup Naik\n\nNilai tukar rupiah menguat terhadap dolar AS pada perdagangan sore ini. Indeks Harga Saham Gabungan ditutup naik seiring masuknya dana investor asing ke pasar saham dan laporan keuangan emiten perbankan yang positif.'),
('ekonomi', E'Bank Indonesia Tahan Suku Bunga Acuan\n\nRapat Dewan Gubernur Bank Indonesia memutuskan menahan suku bunga acuan untuk menjaga inflasi dan stabilitas nilai tukar. Ekonom menilai kredit perbankan dan investasi masih tumbuh.'),
('olahraga', E'Timnas Indonesia Menang 2-0 atas Vietnam\n\nTimnas Indonesia mengalahkan Vietnam dua gol tanpa balas di Stadion Utama Gelora Bung Karno. Gol dicetak pada babak kedua, dan pelatih memuji permainan lini tengah serta penjaga gawang.'),
('olahraga', E'Ganda Putra Indonesia Juara Indonesia Open\n\nPasangan ganda putra Indonesia menjadi juara setelah menang dua gim langsung di partai final bulu tangkis. Mereka mengalahkan pasangan Malaysia dengan skor 21-17 dan 21-19.'),
('hiburan', E'Penyanyi Raisa Rilis Album Baru\n\nPenyanyi Raisa merilis album terbaru berisi sepuluh lagu. Dalam konferensi pers, ia bercerita tentang proses rekaman dan kolaborasi dengan musisi muda, serta rencana konser di beberapa kota.'),
('hiburan', E'Film Horor Indonesia Tembus Dua Juta Penonton\n\nFilm horor garapan sutradara muda itu ditonton lebih dari dua juta orang di bioskop. Para pemain film mengaku tidak menyangka antusiasme penonton, dan sang aktris utama bersyukur atas sambutan penggemar.'),
('tekno', E'Samsung Luncurkan Ponsel Lipat Terbaru\n\nSamsung meluncurkan smartphone lipat dengan prosesor baru, kamera 50 megapiksel dan baterai yang lebih awet. Ponsel Android ini juga mendapat fitur kecerdasan buatan untuk mengedit foto.'),
('tekno', E'WhatsApp Hadirkan Fitur Baru untuk Pengguna\n\nAplikasi WhatsApp menghadirkan fitur baru yang memungkinkan pengguna mengirim pesan yang hilang otomatis. Fitur ini tersedia di Android dan iOS setelah pembaruan aplikasi.'),
('otomotif', E'Toyota Perkenalkan Mobil Hybrid Baru\n\nToyota memperkenalkan mobil hybrid terbaru dengan mesin 1.500 cc yang lebih irit bahan bakar. Mobil ini dijual mulai Rp400 juta dan ditargetkan bersaing di segmen SUV.'),
('otomotif', E'Penjualan Sepeda Motor Naik Jelang Lebaran\n\nAsosiasi Industri Sepeda Motor mencatat penjualan sepeda motor naik. Honda dan Yamaha masih menguasai pasar skuter matik, sementara diler menawarkan uang muka ringan.'),
('gaya_hidup', E'Lima Manfaat Minum Air Putih di Pagi Hari\n\nMinum air putih setelah bangun tidur baik untuk kesehatan tubuh. Dokter gizi menyarankan kebiasaan ini untuk membantu pencernaan, menjaga kulit tetap lembap, dan menurunkan berat badan.'),
('gaya_hidup', E'Tips Liburan Hemat ke Bali\n\nLiburan ke Bali tidak harus mahal. Pilih penginapan di luar kawasan wisata, cicipi kuliner warung lokal, dan kunjungi pantai yang tidak memungut tiket masuk agar perjalanan tetap nyaman.');

SELECT want, (c).channel AS got, (c).confidence BETWEEN 0 AND 1 AS confidence_in_range,
       (c).confidence > 0.5 AS confident
FROM (SELECT want, doc, sentimen_channel(doc) AS c FROM channel_cases) q
ORDER BY want, got;

-- every channel of the fixed set is reachable, and only those
SELECT array_agg(DISTINCT (sentimen_channel(doc)).channel ORDER BY (sentimen_channel(doc)).channel) AS channels
FROM channel_cases;

-- the composite as a row source (LATERAL), and grouped on
SELECT c.channel, c.confidence > 0.5 AS confident
FROM channel_cases, LATERAL sentimen_channel(doc) c
WHERE want = 'olahraga' ORDER BY doc;
SELECT (sentimen_channel(doc)).channel, count(*) FROM channel_cases GROUP BY 1 ORDER BY 1;

-- deterministic (IMMUTABLE)
SELECT sentimen_channel(doc) = sentimen_channel(doc) AS same FROM channel_cases LIMIT 1;

-- edge cases: NULL (STRICT); texts without words have no channel (NULL)
SELECT sentimen_channel(NULL) IS NULL AS null_in_null_out;
SELECT name, sentimen_channel(t) IS NULL AS no_channel, (sentimen_channel(t)).channel
FROM (VALUES ('empty', ''), ('spaces', '   '), ('newlines', E'\n\n\t'),
             ('punctuation', '!!! ??? ...'), ('format_chars', E'\u200b\u200d\ufeff')) v(name, t)
ORDER BY 1;
-- any words give a channel with a confidence in (0, 1]
SELECT count(*) AS n,
       bool_and((c).channel IN ('nasional', 'internasional', 'ekonomi', 'olahraga', 'hiburan',
                                'tekno', 'otomotif', 'gaya_hidup')) AS channels_ok,
       bool_and((c).confidence > 0 AND (c).confidence <= 1) AS confidence_ok
FROM (SELECT sentimen_channel(t) AS c
      FROM (VALUES ('a'), ('bola'), ('123'), ('😭😭😭 banjir'), ('Harga BBM naik lagi'),
                   ('<p>Berita &amp; <b>foto</b></p>'), ('https://example.com/a?b=c')) v(t)) q;
-- emoji are tokens the model sees, so an emoji-only text gets a channel (a guess)
SELECT (sentimen_channel('🙂🙂🙂')).channel IS NOT NULL AS emoji_only_has_channel;

-- very long text: 1 MB article and a 200 KB single token (no crash, a channel)
SELECT (sentimen_channel(repeat('Pemain menendang bola ke gawang lawan dan mencetak gol. ', 20000))).channel AS long_sport;
SELECT (sentimen_channel(repeat('a', 200000))).channel IS NOT NULL AS huge_token;

-- agreement on the hand-written cases
SELECT count(*) FILTER (WHERE (sentimen_channel(doc)).channel = want) AS agree, count(*) AS n
FROM channel_cases;
