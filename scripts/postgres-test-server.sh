#!/usr/bin/env bash
# A throw-away PostgreSQL server for Omzien's tests, built from Debian's
# packages (postgresql-15 or newer). It lives in a temp dir, listens on
# 127.0.0.1 only, and is gone again after `stop`.
#
#   scripts/postgres-test-server.sh start        # init (if needed) + start, create role and omzien_test
#   scripts/postgres-test-server.sh url [DB]     # print the DATABASE_URL (default DB: omzien_test)
#   scripts/postgres-test-server.sh reset-db DB  # drop (force) and recreate database DB owned by omzien
#   scripts/postgres-test-server.sh psql [ARGS]  # psql as the superuser over the unix socket
#   scripts/postgres-test-server.sh status
#   scripts/postgres-test-server.sh stop         # stop and delete the cluster
#
# Example:
#   scripts/postgres-test-server.sh start
#   DATABASE_URL=$(scripts/postgres-test-server.sh url) swift test
#   scripts/postgres-test-server.sh stop
#
# Settings (environment):
#   OMZIEN_PG_PORT       TCP port on 127.0.0.1            (default 54329)
#   OMZIEN_PG_DIR        base dir: socket, data/, log     (default /tmp/omzien-pg)
#   OMZIEN_PG_HOST_AUTH  pg_hba method for 127.0.0.1      (default trust; e.g. scram-sha-256)
#   OMZIEN_PG_KEEP=1     `stop` keeps the data dir and `start` reuses it
#
# As root the server runs as the `postgres` user (Debian's package creates it);
# as any other user it runs as that user.
set -euo pipefail

PORT="${OMZIEN_PG_PORT:-54329}"
BASE="${OMZIEN_PG_DIR:-/tmp/omzien-pg}"
DATA="$BASE/data"
LOG="$BASE/postgres.log"
HOST_AUTH="${OMZIEN_PG_HOST_AUTH:-trust}"
APP_ROLE="omzien"
APP_PASSWORD="omzien"
DEFAULT_DB="omzien_test"

die() { echo "postgres-test-server: $*" >&2; exit 1; }

find_bindir() {
    local d
    # Newest installed major version first.
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -V -r); do
        if [[ -x "$d/initdb" && -x "$d/pg_ctl" ]]; then
            echo "$d"
            return 0
        fi
    done
    return 1
}

BINDIR="$(find_bindir)" || die "no /usr/lib/postgresql/*/bin/initdb found; apt-get install postgresql"

if [[ "$(id -u)" == "0" ]]; then
    id postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' user"
    RUN_AS=(runuser -u postgres --)
    OWNER="postgres"
else
    RUN_AS=()
    OWNER="$(id -un)"
fi

as_pg() { "${RUN_AS[@]}" "$@"; }

# psql as the cluster's superuser over the unix socket (no password needed).
su_psql() {
    as_pg env PGOPTIONS="-c client_min_messages=warning" "$BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -h "$BASE" -p "$PORT" -U postgres -d postgres "$@"
}

url() {
    local db="${1:-$DEFAULT_DB}"
    echo "postgres://$APP_ROLE:$APP_PASSWORD@127.0.0.1:$PORT/$db"
}

is_running() {
    [[ -f "$DATA/PG_VERSION" ]] \
        && as_pg "$BINDIR/pg_ctl" -D "$DATA" status >/dev/null 2>&1 \
        && "$BINDIR/pg_isready" -q -h 127.0.0.1 -p "$PORT" -t 5
}

reset_db() {
    local db="$1"
    [[ "$db" =~ ^[a-z_][a-z0-9_]*$ ]] || die "bad database name: $db"
    su_psql -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
    su_psql -c "CREATE DATABASE $db OWNER $APP_ROLE"
}

start() {
    if is_running; then
        echo "postgres-test-server: already running on 127.0.0.1:$PORT ($DATA)"
    else
        # Whatever a killed (not `stop`ped) server left behind -- data, socket lock
        # files -- is thrown away: tests start from a fresh cluster unless OMZIEN_PG_KEEP=1.
        if [[ "${OMZIEN_PG_KEEP:-0}" != "1" ]]; then
            if [[ -f "$DATA/postmaster.pid" ]]; then
                as_pg "$BINDIR/pg_ctl" -D "$DATA" -m immediate -w -t 10 stop >/dev/null 2>&1 || true
            fi
            rm -rf "$BASE"
        fi
        mkdir -p "$BASE"
        chown "$OWNER" "$BASE"
        chmod 0700 "$BASE"
        if [[ ! -f "$DATA/PG_VERSION" ]]; then
            rm -rf "$DATA"
            as_pg "$BINDIR/initdb" -D "$DATA" -U postgres -E UTF8 --no-locale \
                --auth-local=trust --auth-host="$HOST_AUTH" >"$BASE/initdb.log" 2>&1 \
                || { cat "$BASE/initdb.log" >&2; die "initdb failed"; }
            # Only loopback TCP plus the private unix socket. Durability is not
            # needed for tests, speed is.
            as_pg tee -a "$DATA/postgresql.conf" >/dev/null <<EOF

# --- omzien test server ---
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$BASE'
# Swift Testing runs the suite's tests at once, each app with its own pool of up to 8 connections.
max_connections = 1000
shared_buffers = 128MB
fsync = off
synchronous_commit = off
full_page_writes = off
log_min_messages = warning
EOF
            as_pg tee "$DATA/pg_hba.conf" >/dev/null <<EOF
# TYPE  DATABASE  USER  ADDRESS       METHOD
local   all       all                 trust
host    all       all   127.0.0.1/32  $HOST_AUTH
EOF
        fi
        as_pg "$BINDIR/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 \
            -o "-p $PORT -k $BASE -c listen_addresses=127.0.0.1" start >/dev/null \
            || { tail -n 50 "$LOG" >&2 || true; die "pg_ctl start failed"; }
        echo "postgres-test-server: started $("$BINDIR/postgres" --version) on 127.0.0.1:$PORT ($DATA)"
    fi
    su_psql <<EOF
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$APP_ROLE') THEN
    CREATE ROLE $APP_ROLE LOGIN CREATEDB PASSWORD '$APP_PASSWORD';
  END IF;
END
\$\$;
EOF
    if [[ -z "$(su_psql -tA -c "SELECT 1 FROM pg_database WHERE datname = '$DEFAULT_DB'")" ]]; then
        su_psql -c "CREATE DATABASE $DEFAULT_DB OWNER $APP_ROLE"
    fi
    echo "postgres-test-server: DATABASE_URL=$(url)"
}

stop() {
    if is_running; then
        as_pg "$BINDIR/pg_ctl" -D "$DATA" -m fast -w -t 60 stop >/dev/null \
            || as_pg "$BINDIR/pg_ctl" -D "$DATA" -m immediate -w -t 10 stop >/dev/null \
            || echo "postgres-test-server: pg_ctl stop failed" >&2
        echo "postgres-test-server: stopped"
    else
        echo "postgres-test-server: not running"
    fi
    if [[ "${OMZIEN_PG_KEEP:-0}" != "1" && -d "$BASE" ]]; then
        rm -rf "$BASE"
    fi
}

cmd="${1:-}"
shift || true
case "$cmd" in
    start) start ;;
    stop) stop ;;
    url) url "$@" ;;
    reset-db)
        [[ $# -eq 1 ]] || die "usage: $0 reset-db DBNAME"
        is_running || die "not running; run '$0 start' first"
        reset_db "$1"
        ;;
    psql)
        is_running || die "not running; run '$0 start' first"
        su_psql "$@"
        ;;
    status)
        if is_running; then echo "running on 127.0.0.1:$PORT ($DATA)"; else echo "not running"; exit 3; fi
        ;;
    *)
        awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"
        exit 2
        ;;
esac
