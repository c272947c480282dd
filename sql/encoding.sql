-- Text in other server encodings is converted to UTF-8, or refused clearly.
SELECT current_database() AS regression_db \gset
CREATE DATABASE sentimen_latin1 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
CREATE DATABASE sentimen_sqlascii ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;

\c sentimen_latin1
SET client_encoding = 'UTF8';
CREATE EXTENSION sentimen;
SHOW server_encoding;
-- LATIN1 text with accents is read correctly (converted to UTF-8 internally)
SELECT sentimen_tokens('Café Élysée naïve');
SELECT (sentimen_score('Elon Musk Ancam Gugat Microsoft')).label;
-- a token whose normal form has no LATIN1 equivalent is refused with SQLSTATE 22P05
SELECT sentimen_tokens('½');
\echo :LAST_ERROR_SQLSTATE

\c sentimen_sqlascii
CREATE EXTENSION sentimen;
SHOW server_encoding;
-- valid UTF-8 bytes are read as UTF-8
SELECT sentimen_tokens(convert_from('\x436166c3a9'::bytea, 'SQL_ASCII'));
SELECT (sentimen_score('Elon Musk Ancam Gugat Microsoft')).label;
-- invalid UTF-8 is refused, never misread
SELECT sentimen_score(convert_from('\x43616666e9'::bytea, 'SQL_ASCII'));
\echo :LAST_ERROR_SQLSTATE

\c :regression_db
DROP DATABASE sentimen_latin1;
DROP DATABASE sentimen_sqlascii;
