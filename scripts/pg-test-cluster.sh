#!/usr/bin/env bash
# Starts (or stops, or checks: status exits 0 while it runs) a throwaway PostgreSQL cluster for the tests and writes
# TEST_DATABASE_URL to /tmp/imsm-pg/env.
set -euo pipefail
dir=/tmp/imsm-pg
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
port=${PGPORT_TEST:-55432}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
running() { [ -f "$dir/env" ] && as_pg "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; }

case "${1:-start}" in
  start)
    if running; then exit 0; fi
    rm -rf "$dir"; mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_pg "$bin/initdb" -D "$dir/data" -A trust -U postgres >/dev/null
    as_pg "$bin/pg_ctl" -D "$dir/data" -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=on" -l "$dir/log" -w start >/dev/null
    as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres monitor_test
    echo "export TEST_DATABASE_URL=postgres://postgres@127.0.0.1:$port/monitor_test" > "$dir/env"
    echo "PostgreSQL test cluster on 127.0.0.1:$port"
    ;;
  stop)
    [ -d "$dir/data" ] && as_pg "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
    ;;
  status)
    running
    ;;
esac
