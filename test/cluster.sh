#!/usr/bin/env bash
# test/cluster.sh: start throwaway PostgreSQL clusters for tests and benches.
#
#   source test/cluster.sh; sentimen_cluster_start [ENCODING] [LOCALE]
#   ... PGHOST/PGPORT/PGUSER are exported; use psql, make installcheck ...
#   sentimen_cluster_stop      (also runs from the EXIT trap)
#
#   sentimen_cluster_add NAME PORT [ENCODING] [LOCALE]
#   ... one more cluster (e.g. the shards of test/sharding.sh); its socket
#   directory is in SENTIMEN_SOCK_<NAME>, its data directory under
#   SENTIMEN_DIR_<NAME>; PGHOST/PGPORT are left alone.  sentimen_cluster_stop
#   stops every cluster started here.
#
# initdb and postgres refuse root, so the clusters run as the postgres user
# with a private socket directory each (no TCP, no port clashes); the client
# may stay root.
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
SENTIMEN_CLUSTER_DIRS=${SENTIMEN_CLUSTER_DIRS:-}

# _sentimen_cluster_init DIR PORT ENCODING LOCALE: initdb + start in DIR
_sentimen_cluster_init() {
    local dir=$1 port=$2 enc=$3 locale=$4
    mkdir -p "$dir/data" "$dir/sock"
    local runas=()
    if [ "$(id -u)" = 0 ]; then
        chown -R postgres:postgres "$dir"
        runas=(runuser -u postgres --)
    fi
    SENTIMEN_CLUSTER_DIRS="$SENTIMEN_CLUSTER_DIRS $dir"
    trap sentimen_cluster_stop EXIT
    "${runas[@]}" "$PG_BIN/initdb" -D "$dir/data" -E "$enc" --locale="$locale" \
        --no-sync -U postgres >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log"; return 1; }
    "${runas[@]}" "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" \
        -o "-c listen_addresses='' -k $dir/sock -p $port -c fsync=off ${SENTIMEN_PGOPTS:-}" -w start >/dev/null \
        || { cat "$dir/server.log"; return 1; }
}

sentimen_cluster_start() {
    local enc=${1:-UTF8} locale=${2:-C.UTF-8}
    SENTIMEN_CLUSTER_DIR=$(mktemp -d /tmp/sentimen-pg.XXXXXX)
    export PGHOST="$SENTIMEN_CLUSTER_DIR/sock" PGPORT=${SENTIMEN_PGPORT:-54329} PGUSER=postgres PGDATABASE=postgres
    _sentimen_cluster_init "$SENTIMEN_CLUSTER_DIR" "$PGPORT" "$enc" "$locale"
}

sentimen_cluster_add() {
    local name=$1 port=$2 enc=${3:-UTF8} locale=${4:-C.UTF-8}
    local dir
    dir=$(mktemp -d "/tmp/sentimen-pg-$name.XXXXXX")
    printf -v "SENTIMEN_DIR_$name" '%s' "$dir"
    printf -v "SENTIMEN_SOCK_$name" '%s' "$dir/sock"
    _sentimen_cluster_init "$dir" "$port" "$enc" "$locale"
}

sentimen_cluster_stop() {
    set +e
    trap '' PIPE
    local runas=()
    [ "$(id -u)" = 0 ] && runas=(runuser -u postgres --)
    for dir in $SENTIMEN_CLUSTER_DIRS; do
        if [ -d "$dir" ]; then
            "${runas[@]}" "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1
            rm -rf "$dir"
        fi
    done
    SENTIMEN_CLUSTER_DIRS=
    SENTIMEN_CLUSTER_DIR=
}
