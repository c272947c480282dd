#!/usr/bin/env bash
# test/cluster.sh: start a throwaway PostgreSQL cluster for tests and benches.
#
#   source test/cluster.sh; sentimen_cluster_start [ENCODING] [LOCALE]
#   ... PGHOST/PGPORT/PGUSER are exported; use psql, make installcheck ...
#   sentimen_cluster_stop      (also runs from the EXIT trap)
#
# initdb and postgres refuse root, so the cluster runs as the postgres user
# with a private socket directory (no TCP, no port clashes); the client may
# stay root.
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

sentimen_cluster_start() {
    local enc=${1:-UTF8} locale=${2:-C.UTF-8}
    SENTIMEN_CLUSTER_DIR=$(mktemp -d /tmp/sentimen-pg.XXXXXX)
    mkdir -p "$SENTIMEN_CLUSTER_DIR/data" "$SENTIMEN_CLUSTER_DIR/sock"
    local runas=()
    if [ "$(id -u)" = 0 ]; then
        chown -R postgres:postgres "$SENTIMEN_CLUSTER_DIR"
        runas=(runuser -u postgres --)
    fi
    "${runas[@]}" "$PG_BIN/initdb" -D "$SENTIMEN_CLUSTER_DIR/data" -E "$enc" --locale="$locale" \
        --no-sync -U postgres >"$SENTIMEN_CLUSTER_DIR/initdb.log" 2>&1 \
        || { cat "$SENTIMEN_CLUSTER_DIR/initdb.log"; return 1; }
    export PGHOST="$SENTIMEN_CLUSTER_DIR/sock" PGPORT=${SENTIMEN_PGPORT:-54329} PGUSER=postgres PGDATABASE=postgres
    "${runas[@]}" "$PG_BIN/pg_ctl" -D "$SENTIMEN_CLUSTER_DIR/data" -l "$SENTIMEN_CLUSTER_DIR/server.log" \
        -o "-c listen_addresses='' -k $PGHOST -p $PGPORT -c fsync=off ${SENTIMEN_PGOPTS:-}" -w start >/dev/null \
        || { cat "$SENTIMEN_CLUSTER_DIR/server.log"; return 1; }
    trap sentimen_cluster_stop EXIT
}

sentimen_cluster_stop() {
    set +e
    trap '' PIPE
    if [ -n "${SENTIMEN_CLUSTER_DIR:-}" ] && [ -d "$SENTIMEN_CLUSTER_DIR" ]; then
        local runas=()
        [ "$(id -u)" = 0 ] && runas=(runuser -u postgres --)
        "${runas[@]}" "$PG_BIN/pg_ctl" -D "$SENTIMEN_CLUSTER_DIR/data" -m immediate -w stop >/dev/null 2>&1
        rm -rf "$SENTIMEN_CLUSTER_DIR"
        SENTIMEN_CLUSTER_DIR=
    fi
}
