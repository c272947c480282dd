-- sentimen_annotate(): annotation on INSERT and on UPDATE of the text
SET extra_float_digits = 0;
\df sentimen_annotate

CREATE TABLE annotated (
    id           serial PRIMARY KEY,
    outlet       text,
    published_at timestamptz DEFAULT '2024-05-01 08:00+07',
    title        text,
    body         text,
    label        text,
    score        double precision,
    confidence   double precision,
    entities     jsonb,
    channel      text,
    touched      int DEFAULT 0
);
CREATE TRIGGER annotate BEFORE INSERT OR UPDATE ON annotated FOR EACH ROW
    EXECUTE FUNCTION sentimen_annotate('text=title,body', 'label=label', 'score=score',
        'confidence=confidence', 'entities=entities', 'channel=channel');

INSERT INTO annotated (outlet, title, body) VALUES
('detik', 'Elon Musk Ancam Gugat Microsoft',
 'Elon Musk mengancam akan menggugat Microsoft mulai 25 April 2023. Musk menuduh Microsoft memakai data Twitter secara ilegal.'),
('kompas', 'Timnas Indonesia Menang 2-0 atas Vietnam',
 'Timnas Indonesia mengalahkan Vietnam di Stadion Utama Gelora Bung Karno. Pelatih memuji permainan yang luar biasa.'),
('antara', NULL, NULL),
('antara', '', '   ');

-- the annotations equal the functions on title || E'\n\n' || body
SELECT id, label, round(score::numeric, 4) AS score, channel,
       label = (sentimen_score(title || E'\n\n' || body)).label AS same_label,
       score = (sentimen_score(title || E'\n\n' || body)).score AS same_score,
       entities = sentimen_entities_json(title || E'\n\n' || body) AS same_entities,
       channel = (sentimen_channel(title || E'\n\n' || body)).channel AS same_channel
FROM annotated ORDER BY id;
SELECT id, e->>'entity' AS entity, e->>'type' AS type, e->>'label' AS label
FROM annotated, jsonb_array_elements(entities) e WHERE id = 1 ORDER BY 1, 2;

-- UPDATE of other columns keeps the annotations (even ones set by hand)
UPDATE annotated SET score = 42, touched = touched + 1 WHERE id = 1;
SELECT id, score, label FROM annotated WHERE id = 1;
UPDATE annotated SET outlet = 'detikcom' WHERE id = 1;
SELECT id, score FROM annotated WHERE id = 1;
-- UPDATE of the text recomputes them
UPDATE annotated SET body = 'Pemain senang sekali, kemenangan yang luar biasa dan membanggakan.' WHERE id = 1;
SELECT id, score <> 42 AS recomputed,
       score = (sentimen_score(title || E'\n\n' || body)).score AS same_score
FROM annotated WHERE id = 1;
UPDATE annotated SET title = NULL, body = NULL WHERE id = 2;
SELECT id, label, score, confidence, entities, channel FROM annotated WHERE id = 2;

-- a single text column and varchar targets
CREATE TABLE notes (t varchar(200), l varchar(10));
CREATE TRIGGER a BEFORE INSERT ON notes FOR EACH ROW EXECUTE FUNCTION sentimen_annotate('text=t', 'label=l');
INSERT INTO notes VALUES ('pelayanan buruk sekali, saya kecewa', 'x');
SELECT * FROM notes;

-- wrong configuration fails at the first row, naming the column
\set VERBOSITY default
CREATE TABLE bad (t text, s integer, j text);
CREATE TRIGGER a BEFORE INSERT ON bad FOR EACH ROW EXECUTE FUNCTION sentimen_annotate('text=t', 'score=s');
INSERT INTO bad VALUES ('bagus', 1);
DROP TRIGGER a ON bad;
CREATE TRIGGER a BEFORE INSERT ON bad FOR EACH ROW EXECUTE FUNCTION sentimen_annotate('text=title', 'label=j');
INSERT INTO bad VALUES ('bagus', 1);
DROP TRIGGER a ON bad;
CREATE TRIGGER a BEFORE INSERT ON bad FOR EACH ROW EXECUTE FUNCTION sentimen_annotate('text=t', 'entities=j');
INSERT INTO bad VALUES ('bagus', 1);
DROP TRIGGER a ON bad;
CREATE TRIGGER a BEFORE INSERT ON bad FOR EACH ROW EXECUTE FUNCTION sentimen_annotate('text=t');
INSERT INTO bad VALUES ('bagus', 1);
DROP TRIGGER a ON bad;
CREATE TRIGGER a BEFORE INSERT ON bad FOR EACH ROW EXECUTE FUNCTION sentimen_annotate('text=t', 'colour=j');
INSERT INTO bad VALUES ('bagus', 1);
DROP TRIGGER a ON bad;
CREATE TRIGGER a AFTER INSERT ON bad FOR EACH ROW EXECUTE FUNCTION sentimen_annotate('text=t', 'label=j');
INSERT INTO bad VALUES ('bagus', 1);
DROP TRIGGER a ON bad;
SELECT sentimen_annotate();
SELECT count(*) FROM bad;
DROP TABLE bad, notes;
