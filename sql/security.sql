-- Security (issue 5): the extension is trusted, so a database owner who is
-- not a superuser can create it, and a plain role can use every function.
-- The install script creates only C functions and types, all in the
-- extension's schema (@extschema@); none is SECURITY DEFINER, and any
-- SQL-language function must pin its search_path.
SELECT current_database() AS regression_db, current_user AS regression_user \gset
SELECT extname, extrelocatable FROM pg_extension WHERE extname = 'sentimen';
CREATE ROLE sentimen_sec_owner LOGIN NOSUPERUSER;
CREATE ROLE sentimen_sec_plain LOGIN NOSUPERUSER;
CREATE DATABASE sentimen_sec OWNER sentimen_sec_owner;

\c sentimen_sec sentimen_sec_owner
SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user;
CREATE EXTENSION sentimen;
SELECT e.extname, r.rolname AS owner, n.nspname AS schema
FROM pg_extension e JOIN pg_roles r ON r.oid = e.extowner JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE e.extname = 'sentimen';

\c sentimen_sec sentimen_sec_plain
SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user;
SELECT (sentimen_score('Elon Musk Ancam Gugat Microsoft')).label,
       sentimen_label('Elon Musk Ancam Gugat Microsoft'),
       sentimen_tokens('Elon Musk Ancam Gugat Microsoft'),
       (sentimen_channel('Timnas Indonesia menang 3-0 atas Vietnam di Piala AFF')).channel;
SELECT term FROM sentimen_explain('Elon Musk Ancam Gugat Microsoft') ORDER BY abs(weight) DESC LIMIT 2;
SELECT mention, type, start, length FROM sentimen_mentions('Presiden Joko Widodo tiba di Jakarta');
SELECT entity, type FROM sentimen_entities('Presiden Joko Widodo tiba di Jakarta') ORDER BY 1;
SELECT jsonb_array_length(sentimen_entities_json('Presiden Joko Widodo tiba di Jakarta')) AS entities;

-- a plain role's search_path tricks do not change what the functions do:
-- their results are types of the extension's schema, C code does no lookups
CREATE TEMP TABLE sentimen_result (label text);
SET search_path = pg_temp, public;
SELECT pg_typeof(sentimen_score('bagus')), (sentimen_score('bagus')).label;
RESET search_path;

-- the extension's objects: all in its schema; no SECURITY DEFINER; no
-- SQL or PL/pgSQL function without a pinned search_path (expected: none)
SELECT count(*) AS objects_outside_schema
FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'sentimen'
LEFT JOIN pg_proc p ON d.classid = 'pg_proc'::regclass AND p.oid = d.objid
LEFT JOIN pg_type t ON d.classid = 'pg_type'::regclass AND t.oid = d.objid
WHERE d.deptype = 'e' AND coalesce(p.pronamespace, t.typnamespace) <> e.extnamespace;
SELECT p.oid::regprocedure AS unsafe_function, p.prosecdef, l.lanname, p.proconfig
FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'sentimen'
WHERE p.prosecdef
   OR (l.lanname NOT IN ('c', 'internal')
       AND NOT coalesce(p.proconfig::text LIKE '%search_path=%', false))
ORDER BY p.oid::regprocedure::text;

\c :regression_db :regression_user
DROP DATABASE sentimen_sec;
DROP ROLE sentimen_sec_owner;
DROP ROLE sentimen_sec_plain;
