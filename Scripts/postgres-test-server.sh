#!/usr/bin/env bash
# Starts (or stops) a throwaway PostgreSQL server for the audit tests: a fresh cluster in a temp
# directory, listening only on a Unix socket in that directory, trust auth, one database.
#   eval "$(Scripts/postgres-test-server.sh start)"   # exports PARAPET_TEST_POSTGRES_URL, PARAPET_TEST_POSTGRES_DIR
#   Scripts/postgres-test-server.sh stop "$PARAPET_TEST_POSTGRES_DIR"
# Installs the Debian `postgresql` package when no server binaries are found. Runs the server
# as the `postgres` user when invoked as root (PostgreSQL refuses to run as root).
set -euo pipefail

find_bindir() {
    local dir
    if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then pg_config --bindir; return; fi
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        [ -x "$dir/initdb" ] && { echo "$dir"; return; }
    done
    return 1
}

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
start)
    if ! bindir=$(find_bindir); then
        echo "postgres-test-server: installing postgresql" >&2
        sudo_cmd=()
        [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
        "${sudo_cmd[@]}" apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq postgresql >/dev/null
        bindir=$(find_bindir)
    fi
    dir=$(mktemp -d /tmp/parapet-pg.XXXXXX)
    chmod 755 "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    as_owner "$bindir/initdb" -D "$dir/data" -A trust -U parapet -E UTF8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses='' -k $dir -c fsync=on -c synchronous_commit=on" start >&2 \
        || { cat "$dir/server.log" >&2; exit 1; }
    as_owner "$bindir/createdb" -h "$dir" -U parapet parapet_test >&2
    echo "export PARAPET_TEST_POSTGRES_DIR='$dir'"
    echo "export PARAPET_TEST_POSTGRES_URL='postgres://parapet@localhost/parapet_test?host=$dir'"
    ;;
stop)
    dir="${2:?usage: $0 stop DIR}"
    bindir=$(find_bindir)
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
    rm -rf "$dir"
    ;;
*)
    echo "usage: $0 start | stop DIR" >&2
    exit 64
    ;;
esac
