#!/usr/bin/env bash
# README command 2: runs every test. Installs what is missing (Node 24, npm packages, the local
# Kratix platform from Go modules), starts the platform, then runs, in order:
#   1. unit tests (pure logic, components)                       npm run test:unit
#   2. integration tests against the real platform (*.platform.test.ts, serially)
#                                                                 npm run test:platform
#   3. browser end-to-end tests (Debian chromium + playwright-core against the running app)
#                                                                 npm run test:e2e
# A platform that is already up is reused; KRATIX_FRESH_PLATFORM=1 (set by CI) restarts it clean.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
log() { printf '[test] %s\n' "$*" >&2; }

bash dev/tools/install.sh
PATH="$(bash dev/tools/ensure-node.sh):$PATH"
export PATH

if [ "${KRATIX_FRESH_PLATFORM:-}" = 1 ]; then bash dev/platform/down.sh; fi
bash dev/platform/up.sh >/dev/null
bash dev/platform/seed.sh

stage() {
  local name=$1; shift
  local t0; t0=$(date +%s)
  log "=== $name"
  if "$@"; then
    log "=== $name passed in $(( $(date +%s) - t0 ))s"
  else
    log "=== $name FAILED after $(( $(date +%s) - t0 ))s"
    return 1
  fi
}

stage "unit tests" npm run -s test:unit
stage "platform integration tests" npm run -s test:platform
stage "browser end-to-end tests" npm run -s test:e2e
log "all tests passed"
