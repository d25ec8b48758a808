#!/usr/bin/env bash
# The hub's tests (cargo test -p sentra-hub) on SQLite and on a real PostgreSQL: a throwaway
# cluster of Debian's postgresql package, made in a temporary directory, listening only on
# 127.0.0.1 (and a unix socket in that directory) on a free port, removed on exit. Never uses a
# server that happens to be running. scripts/setup.sh installs the package if it is missing.
#   scripts/test-hub.sh [cargo test arguments]      the hub's tests
#   scripts/test-hub.sh --run <command …>           any command with SENTRA_TEST_PG_URL set, e.g.
#                                                   cargo bench -p sentra-hub --profile hub
set -euo pipefail
cd "$(dirname "$0")/.."

initdb=$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$initdb" ]; then
  echo "test-hub: PostgreSQL is not installed (run scripts/setup.sh)" >&2
  exit 1
fi
bin=$(dirname "$initdb")

# initdb refuses to run as root: the cluster belongs to the postgres user.
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

dir=$(mktemp -d /tmp/sentra-pg.XXXXXX)
chmod 755 "$dir"
[ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
stop() {
  as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

# A free port: ask the kernel for one (node is there for the app's build). Should another
# process take it meanwhile, pg_ctl fails and the run stops with the server's log.
port=$(node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')

as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --no-locale >/dev/null
as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" start >/dev/null \
  || { cat "$dir/log" >&2; exit 1; }
"$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -q -c "CREATE DATABASE sentra_test" >/dev/null

export SENTRA_TEST_PG_URL="postgres://postgres@127.0.0.1:$port/sentra_test"
echo "test-hub: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (throwaway, $dir)"
if [ "${1:-}" = "--run" ]; then
  shift
  "$@"
else
  cargo test --locked -p sentra-hub "$@"
fi
