#!/usr/bin/env bash
# Starts a throwaway PostgreSQL from Debian's package (apt-get install postgresql) in .postgres/
# (gitignored) on 127.0.0.1:55432, trust authentication, and prints the variable
# @backstage/backend-test-utils reads, e.g.
#   BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING=postgresql://postgres@127.0.0.1:55432/postgres
# Idempotent. Stop and delete it with dev/postgres/down.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
log() { printf '[postgres] %s\n' "$*" >&2; }

if [[ ! -x $PG_BIN/initdb ]] && [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
  log "installing Debian's postgresql package (a fresh machine has none)"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  # The package starts a cluster of its own on 5432; this script runs its own on $PG_PORT.
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  PG_MAJOR=$(basename "$(dirname "$PG_BIN")")
fi
[[ -x $PG_BIN/initdb ]] || { log "no PostgreSQL server found (install Debian's postgresql package)"; exit 1; }
mkdir -p "$PG_DIR"
[[ $(id -u) == 0 ]] && chown postgres: "$PG_DIR"
if [[ ! -f $PG_DIR/data/PG_VERSION ]]; then
  log "initdb ($PG_BIN) in $PG_DIR/data"
  as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust --encoding=UTF8 --no-locale >"$PG_DIR/initdb.log"
fi
if ! as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" status >/dev/null 2>&1; then
  log "starting PostgreSQL $PG_MAJOR on 127.0.0.1:$PG_PORT"
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c max_connections=200" start >/dev/null
fi
"$PG_BIN/pg_isready" -h 127.0.0.1 -p "$PG_PORT" -q || { log "not accepting connections"; exit 1; }
echo "BACKSTAGE_TEST_DATABASE_POSTGRES${PG_MAJOR}_CONNECTION_STRING=$(pg_url)"
