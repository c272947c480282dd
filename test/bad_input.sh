#!/usr/bin/env bash
# test/bad_input.sh: the parts of the bad-input matrix that pg_regress cannot
# check (sql/bad_input.sql has the rest), on the running test cluster
# (PGHOST/PGPORT/PGUSER, as test/run_all sets them):
#
#   1. linear time: each function on 1 MB and on 10 MB of news text (the same
#      sentence mix repeated); the 10 MB call may take at most 15x the 1 MB
#      one.  Functions that hold the whole text's tokens at once (tokens,
#      mentions, entities: about 100 bytes per token, so 1 MB of text is a
#      working set that fits in cache and 10 MB is not) may take 20x; their
#      work is linear (10 MB -> 20 MB measured 2.0-2.3x), the extra is memory
#      traffic and one O(n log n) sort of the mentions.
#   2. cancellation: statement_timeout = 500ms stops each function on 100 MB
#      (many words, one single 100 MB ASCII token, one of "é") with SQLSTATE 57014 within
#      1 s of the timeout (a call that finishes first, as scoring one 100 MB
#      token may, passes too)
set -euo pipefail
cd "$(dirname "$0")/.."
export PGDATABASE=${PGDATABASE:-postgres}
psql() { command psql -X -v ON_ERROR_STOP=1 -qAt "$@"; }
psql -c "CREATE EXTENSION IF NOT EXISTS sentimen" >/dev/null
fail=0 pass=0
ok() { pass=$((pass + 1)); echo "ok   $*"; }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }

# a mix of sentence shapes (names, numbers, slang, clitics), about 560 bytes
para="Presiden Joko Widodo meresmikan Bandara Kertajati di Majalengka pada 25 April 2023. \
Harga beras naik 10% dan warga kecewa, tetapi pedagang bilang stoknya aman. \
Menteri Keuangan Sri Mulyani mengatakan inflasi gak akan melonjak tajam tahun ini. \
Timnas Indonesia menang 3-0 atas Vietnam di Stadion Gelora Bung Karno, Jakarta! \
Baca juga: https://www.detik.com/berita/d-123 @kompascom #ekonomi \
KPK menangkap pejabat yang diduga menerima suap Rp 1,5 miliar. "

# best of 5, in ms, of the expression on 1 MB and on 10 MB, interleaved in
# one backend (so both see the same machine load), over text stored
# uncompressed in a temp table (neither repeat() nor decompression is timed)
time_pair() {
    local expr=$1
    psql -v p="$para" <<SQL 2>&1 | sed -n 's/.*NOTICE: *//p'
CREATE TEMP TABLE t (mb int, t text);
ALTER TABLE t ALTER COLUMN t SET STORAGE EXTERNAL;
INSERT INTO t SELECT mb, left(repeat(:'p', mb * 1048576 / length(:'p') + 1), mb * 1048576)
FROM unnest(ARRAY[1, 10]) AS mb;
DO \$\$
DECLARE best float8[] := ARRAY[1e12, 1e12]; t0 timestamptz; x text;
BEGIN
  FOR i IN 1..5 LOOP
    FOR k IN 1..2 LOOP
      t0 := clock_timestamp();
      EXECUTE 'SELECT ($expr)::text FROM t WHERE mb = \$1' INTO x USING CASE k WHEN 1 THEN 1 ELSE 10 END;
      best[k] := least(best[k], extract(epoch FROM clock_timestamp() - t0) * 1000);
    END LOOP;
  END LOOP;
  RAISE NOTICE '% %', round(best[1]::numeric, 1), round(best[2]::numeric, 1);
END \$\$;
SQL
}

echo "== linear time: 1 MB vs 10 MB (ratio must be < 15; < 20 for whole-text token arrays)"
for expr in "sentimen_score(t)" "sentimen_channel(t)" "cardinality(sentimen_tokens(t))" \
            "(SELECT count(*) FROM sentimen_explain(t))" "(SELECT count(*) FROM sentimen_mentions(t))" \
            "(SELECT count(*) FROM sentimen_entities(t))" "sentimen_entities_json(t)"; do
    read -r a b < <(time_pair "$expr")
    r=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", b / a }')
    msg=$(printf '%-45s 1 MB %8s ms  10 MB %8s ms  ratio %6s' "$expr" "$a" "$b" "$r")
    case $expr in *tokens*|*mentions*|*entities*) bound=20 ;; *) bound=15 ;; esac
    if awk -v r="$r" -v m="$bound" 'BEGIN { exit !(r > 0 && r < m) }'; then ok "$msg"; else bad "$msg (bound $bound)"; fi
done

echo "== statement_timeout = 500ms on 100 MB (cancelled with 57014 within 1 s of the timeout)"
psql <<'SQL'
DROP TABLE IF EXISTS sentimen_big;
CREATE UNLOGGED TABLE sentimen_big (name text, t text);
ALTER TABLE sentimen_big ALTER COLUMN t SET STORAGE EXTERNAL;  -- no decompression in the timing
INSERT INTO sentimen_big VALUES
  ('words', repeat('Presiden Joko Widodo meresmikan bandara baru di Jakarta dan warga senang. ', 1400000)),
  ('one token', repeat('abcdefghij', 10000000)),
  ('non-ascii', repeat('é', 50000000));   -- one token of 100 MB, every letter two bytes
SQL
for name in words "one token" non-ascii; do
    for expr in "sentimen_score(t)" "sentimen_label(t)" "sentimen_channel(t)" "sentimen_tokens(t)" \
                "(SELECT count(*) FROM sentimen_explain(t))" "(SELECT count(*) FROM sentimen_mentions(t))" \
                "(SELECT count(*) FROM sentimen_entities(t))" "sentimen_entities_json(t)"; do
        out=$(command psql -X -qAt -v VERBOSITY=verbose 2>&1 <<SQL || true
SET statement_timeout = '500ms';
\\timing on
SELECT ($expr) IS NULL FROM sentimen_big WHERE name = '$name';
SQL
)
        ms=$(printf '%s\n' "$out" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1)
        state=$(printf '%s\n' "$out" | sed -n 's/^ERROR: *\([0-9A-Z]\{5\}\):.*/\1/p' | head -1)
        [ -z "$state" ] && printf '%s\n' "$out" | grep -q '^ERROR' && state=error
        msg=$(printf '%-10s %-45s %s after %s ms' "$name" "$expr" "${state:-finished}" "${ms:-?}")
        # cancelled (57014), or finished before the timeout could fire; either way within 1 s of it
        if { [ "$state" = 57014 ] || [ -z "$state" ]; } && [ -n "$ms" ] &&
            awk -v m="$ms" 'BEGIN { exit !(m < 1500) }'; then ok "$msg"; else bad "$msg"; fi
    done
done
psql -c "DROP TABLE sentimen_big"

echo "bad input: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
