#!/usr/bin/env bash
# The backend plugin's database tests on a real PostgreSQL (and SQLite): starts the local
# PostgreSQL, runs the HistoryStore tests of plugins/kratix-backend on both, then two backend
# replicas on that PostgreSQL against the local platform (which must be up: npm run platform:up),
# and stops PostgreSQL.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PATH="$(bash "$ROOT/dev/tools/ensure-node.sh"):$PATH"
trap 'bash "$ROOT/dev/postgres/down.sh"' EXIT
export "$(bash "$ROOT/dev/postgres/up.sh")"
cd "$ROOT/plugins/kratix-backend"
CI=true npx backstage-cli package test --runInBand --forceExit src/service/history
