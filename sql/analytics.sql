-- analytics over an annotated article table (the README's reference schema)
SET extra_float_digits = 0;
\da sentimen_net
\df sentimen_daily
\df sentimen_top_entities

SELECT sentimen_net(l) FROM (VALUES ('positif'), ('positif'), ('negatif'), ('netral'), (NULL)) v(l);
SELECT sentimen_net(l) FROM (VALUES (NULL::text)) v(l);
SELECT sentimen_net(l) FROM (SELECT 'x' WHERE false) v(l);

CREATE TABLE news (
    id           bigserial PRIMARY KEY,
    outlet       text NOT NULL,
    published_at timestamptz NOT NULL,
    title        text,
    body         text,
    label        text,
    score        double precision,
    confidence   double precision,
    entities     jsonb,
    channel      text
);
CREATE TRIGGER annotate BEFORE INSERT OR UPDATE ON news FOR EACH ROW
    EXECUTE FUNCTION sentimen_annotate('text=title,body', 'label=label', 'score=score',
        'confidence=confidence', 'entities=entities', 'channel=channel');
INSERT INTO news (outlet, published_at, title, body) VALUES
('detik', '2024-05-01 09:00+00', 'KPK Tangkap Bupati', 'Komisi Pemberantasan Korupsi (KPK) menangkap bupati dalam operasi tangkap tangan. KPK menyita uang suap.'),
('detik', '2024-05-01 10:00+00', 'Timnas Indonesia Menang', 'Timnas Indonesia menang 2-0 atas Vietnam. Pelatih Shin Tae-yong memuji pemain.'),
('kompas', '2024-05-01 11:00+00', 'KPK Periksa Menteri', 'KPK memeriksa menteri terkait dugaan korupsi proyek jalan.'),
('kompas', '2024-05-02 08:00+00', 'Timnas Indonesia Juara', 'Timnas Indonesia juara Piala AFF setelah menang dramatis. Shin Tae-yong bangga.');

SET TimeZone = 'UTC';
SELECT day, outlet, channel, articles, positif, netral, negatif, round(net::numeric, 3) AS net
FROM sentimen_daily('news');
SELECT day, outlet, articles FROM sentimen_daily('news', '2024-05-02', NULL);
SELECT entity, type, articles, mentions, positif, negatif, round(net::numeric, 3) AS net
FROM sentimen_top_entities('news', n => 5);
SELECT entity, articles FROM sentimen_top_entities('news', entity_type => 'ORG');
SELECT entity, articles FROM sentimen_top_entities('news', channel => 'olahraga');
-- a table without a channel column
CREATE TABLE news2 AS SELECT id, outlet, published_at, title, body, label, score, entities FROM news;
SELECT day, outlet, channel, articles FROM sentimen_daily('news2');
\set VERBOSITY default
SELECT * FROM sentimen_top_entities('news2', channel => 'olahraga');
SELECT * FROM sentimen_daily('no_such_table');
-- quoting of table names
CREATE TABLE "News Table" AS SELECT * FROM news;
SELECT count(*) FROM sentimen_daily('"News Table"');
DROP TABLE news, news2, "News Table";
