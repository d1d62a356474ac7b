#!/usr/bin/env bash
# Stops the PostgreSQL dev/postgres/up.sh started and deletes its data directory.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
if [[ -f $PG_DIR/data/PG_VERSION ]]; then
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
fi
rm -rf "$PG_DIR"
