#!/usr/bin/env bash
# A throwaway PostgreSQL server for the test suite, on 127.0.0.1 only.
#
#   scripts/pg-test-server.sh start   # install if missing, initdb, start; prints the URL
#   scripts/pg-test-server.sh url     # prints the URL of the running server
#   scripts/pg-test-server.sh status  # exit 0 when it answers
#   scripts/pg-test-server.sh stop    # stop the server and delete its folder
#
# `start` is idempotent: when the server of this checkout is already up it prints the same
# URL again. Its last line is `export FACTCHECK_TEST_PG_URL=postgresql+psycopg://...`, so
#   eval "$(scripts/pg-test-server.sh start | tail -n 1)"
# sets the variable in the calling shell.
#
# The cluster lives in a temporary folder, one per checkout (override with FACTCHECK_PG_DIR).
# PostgreSQL refuses to run as root; as root the server runs as the `postgres` system user
# (created if missing). Connections need a password (scram-sha-256), generated per cluster;
# the Unix socket lives inside the folder, so nothing else on the machine is touched.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
checkout_id="$(printf '%s' "$here" | cksum | cut -d' ' -f1)"
PGDIR="${FACTCHECK_PG_DIR:-${TMPDIR:-/tmp}/factcheck-pg-$checkout_id}"
DATA="$PGDIR/data"
DBNAME="${FACTCHECK_PG_DBNAME:-factcheck_test}"
PGUSER_NAME="factcheck"

log() { printf 'pg-test-server: %s\n' "$*" >&2; }

find_bindir() {
    # Debian keeps the server binaries out of PATH, under /usr/lib/postgresql/<major>/bin.
    local d
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [[ -x "$d/initdb" && -x "$d/pg_ctl" ]]; then
            echo "$d"
            return 0
        fi
    done
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
        return 0
    fi
    return 1
}

install_postgres() {
    if find_bindir >/dev/null; then
        return 0
    fi
    if [[ "$(id -u)" != 0 ]]; then
        log "PostgreSQL is not installed and this is not root: run 'sudo apt-get install postgresql'"
        exit 1
    fi
    log "installing Debian's postgresql (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends postgresql >&2
    # Debian's package starts a system-wide cluster on 5432; this script does not use it.
    find_bindir >/dev/null || { log "postgresql installed but initdb/pg_ctl not found"; exit 1; }
}

# Run a command as the user that owns the cluster.
as_owner() {
    if [[ "$(id -u)" != 0 ]]; then
        "$@"
    elif command -v runuser >/dev/null 2>&1; then
        runuser -u postgres -- "$@"
    else
        su postgres -s /bin/sh -c '"$0" "$@"' -- "$@"
    fi
}

ensure_owner() {
    if [[ "$(id -u)" == 0 ]] && ! id postgres >/dev/null 2>&1; then
        log "creating the 'postgres' system user to own the cluster"
        useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    fi
}

free_port() {
    # Ask the kernel for a free port on 127.0.0.1 (a small race remains; start retries).
    local py
    py="$(command -v python3 || true)"
    [[ -n "$py" ]] || py="$here/.venv/bin/python"
    "$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

url() {
    local port password
    port="$(cat "$PGDIR/port")"
    password="$(cat "$PGDIR/password")"
    echo "postgresql+psycopg://$PGUSER_NAME:$password@127.0.0.1:$port/$DBNAME"
}

is_running() {
    [[ -f "$PGDIR/port" && -f "$DATA/postmaster.pid" ]] || return 1
    local bindir
    bindir="$(find_bindir)" || return 1
    as_owner "$bindir/pg_ctl" -D "$DATA" status >/dev/null 2>&1 || return 1
    "$bindir/pg_isready" -q -h 127.0.0.1 -p "$(cat "$PGDIR/port")" >/dev/null 2>&1
}

start() {
    if is_running; then
        log "already running in $PGDIR"
        echo "export FACTCHECK_TEST_PG_URL=$(url)"
        return 0
    fi
    install_postgres
    ensure_owner
    local bindir
    bindir="$(find_bindir)"

    if [[ ! -f "$DATA/PG_VERSION" ]]; then
        rm -rf "$PGDIR"
        mkdir -p "$PGDIR"
        chmod 700 "$PGDIR"
        # A random password; the server never listens beyond 127.0.0.1 anyway.
        od -An -N16 -tx1 /dev/urandom | tr -d ' \n' >"$PGDIR/password"
        if [[ "$(id -u)" == 0 ]]; then
            chown -R postgres: "$PGDIR"
        fi
        log "initdb in $DATA"
        as_owner "$bindir/initdb" -D "$DATA" -U "$PGUSER_NAME" --pwfile="$PGDIR/password" \
            --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$PGDIR/initdb.log" 2>&1 \
            || { cat "$PGDIR/initdb.log" >&2; exit 1; }
        {
            echo "listen_addresses = '127.0.0.1'"
            echo "unix_socket_directories = '$PGDIR'"
            echo "fsync = off"                 # a test server: speed over durability
            echo "synchronous_commit = off"
            echo "full_page_writes = off"
            echo "max_connections = 100"
            echo "shared_buffers = 32MB"
        } | as_owner tee -a "$DATA/postgresql.conf" >/dev/null
    fi

    local attempt port
    for attempt in 1 2 3 4 5; do
        port="$(free_port)"
        echo "$port" | as_owner tee "$PGDIR/port" >/dev/null
        # 9>&-: the server must not inherit the lock below, or it would hold it for its lifetime.
        if as_owner "$bindir/pg_ctl" -D "$DATA" -l "$PGDIR/server.log" -w -t 60 \
            -o "-p $port -k $PGDIR -c listen_addresses=127.0.0.1" start >/dev/null 2>&1 9>&-; then
            break
        fi
        log "start on port $port failed (attempt $attempt); see $PGDIR/server.log"
        tail -n 5 "$PGDIR/server.log" >&2 || true
        [[ $attempt == 5 ]] && exit 1
    done

    # The test database (idempotent).
    local exists
    exists="$(PGPASSWORD="$(cat "$PGDIR/password")" "$bindir/psql" -h 127.0.0.1 -p "$port" \
        -U "$PGUSER_NAME" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DBNAME'")"
    if [[ "$exists" != 1 ]]; then
        PGPASSWORD="$(cat "$PGDIR/password")" "$bindir/psql" -q -h 127.0.0.1 -p "$port" \
            -U "$PGUSER_NAME" -d postgres -c "CREATE DATABASE $DBNAME"
    fi
    log "running on 127.0.0.1:$port (folder $PGDIR; stop with '$0 stop')"
    echo "export FACTCHECK_TEST_PG_URL=$(url)"
}

stop() {
    local bindir
    if [[ -f "$DATA/postmaster.pid" ]] && bindir="$(find_bindir)"; then
        as_owner "$bindir/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null 2>&1 || true
    fi
    if [[ -d "$PGDIR" ]]; then
        rm -rf "$PGDIR"
        log "stopped and removed $PGDIR"
    fi
}

# One start/stop at a time per checkout (two make jobs, two terminals).
mkdir -p "$(dirname "$PGDIR")"
exec 9>"$PGDIR.lock"
flock 9

case "${1:-start}" in
    start) start ;;
    stop) stop ;;
    url) is_running || { log "not running (run '$0 start')"; exit 1; }; url ;;
    status) is_running ;;
    *) echo "usage: $0 [start|url|status|stop]" >&2; exit 2 ;;
esac
