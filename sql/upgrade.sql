-- install 0.1, upgrade to 0.2, check the new objects
DROP EXTENSION sentimen CASCADE;
CREATE EXTENSION sentimen VERSION '0.1';
SELECT extversion FROM pg_extension WHERE extname = 'sentimen';
SELECT count(*) AS v02_functions FROM pg_proc
WHERE proname IN ('sentimen_annotate', 'sentimen_train', 'sentimen_channel', 'sentimen_daily');
SELECT sentimen_label('pelayanan bagus sekali');
ALTER EXTENSION sentimen UPDATE TO '0.2';
SELECT extversion FROM pg_extension WHERE extname = 'sentimen';
SELECT p.oid::regprocedure FROM pg_depend d JOIN pg_proc p ON p.oid = d.objid
WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'sentimen')
  AND d.deptype = 'e' ORDER BY p.oid::regprocedure::text;
SELECT c.relname, c.relkind FROM pg_depend d JOIN pg_class c ON c.oid = d.objid
WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'sentimen')
  AND d.deptype = 'e' ORDER BY 1;
SELECT (sentimen_channel('Timnas Indonesia menang atas Vietnam di stadion')).channel;
SELECT sentimen_net(l) FROM (VALUES ('positif'), ('negatif'), ('positif')) v(l);
-- the default version is 0.2
DROP EXTENSION sentimen;
CREATE EXTENSION sentimen;
SELECT extversion FROM pg_extension WHERE extname = 'sentimen';
