-- sentimen_tokens: the normalised tokens the model sees
SELECT sentimen_tokens('Elon Musk Ancam Gugat Microsoft');
-- clitics split, informal spellings mapped, elongation collapsed, case folded
SELECT sentimen_tokens('Bukunya GAK bagussss, pelayanannya mantul!!!');
SELECT sentimen_tokens('apakah meskipun adalah sekolah hanya');
-- reduplication, hyphenated words
SELECT sentimen_tokens('anak-anak tiba-tiba pasca-pandemi');
-- URLs, domains, mentions, hashtags, e-mail
SELECT sentimen_tokens('cek https://www.detik.com/berita?id=1, kata @kompascom di #PemiluDamai via redaksi@tempo.co');
-- numbers, dates, times, money, percentages
SELECT sentimen_tokens('Senin (12/3/2024) pukul 10.00 WIB harga naik 3,5% jadi Rp10.000');
-- abbreviations keep their dot, sentence dots do not
SELECT sentimen_tokens('dr. Budi S.H. M.Si. hadir. Lalu pergi dll.');
-- NFKC and case folding on non-ASCII text
SELECT sentimen_tokens('ＪＡＫＡＲＴＡ Straße ﬁnal Café');
-- emoji and symbols
SELECT sentimen_tokens('sedih 😭😭 👍🏽 🇮🇩');
-- edge cases
SELECT sentimen_tokens(NULL) IS NULL AS null_in_null_out;
SELECT sentimen_tokens('') AS empty, sentimen_tokens(E' \n\t') AS blank;
SELECT cardinality(sentimen_tokens(repeat('kata ', 100000))) AS many_tokens;
SELECT sentimen_tokens(E'kontrol\x01\x02karakter\ttab');
