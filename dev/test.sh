#!/usr/bin/env bash
# README command 2: runs every test. Installs what is missing (Node 24, npm packages, the local
# Kratix platform from Go modules), starts the platform, then runs, in order:
#   1. unit tests (pure logic, components)                       npm run test:unit
#      and the backend plugin's database tests on SQLite and a local PostgreSQL, with two backend
#      replicas on one PostgreSQL against the platform
#                                                                 npm run test:postgres
#   2. integration tests against the real platform (*.platform.test.ts, serially)
#                                                                 npm run test:platform
#   3. browser end-to-end tests (Debian chromium + playwright-core against the running app)
#                                                                 npm run test:e2e
#      then the adopter test: our packed packages in a fresh @backstage/create-app app, its full
#      type check, frontend build, and its backend against this platform
#                                                                 npm run test:adopter
#   4. the platform tests whose expected result depends on the Kratix generation, again on the
#      v0.125 manager (KRATIX_GENERATION=v0.125)              npm run test:platform:generation
# Steps 1-3 run on the current Kratix manager (ae170e22). A platform that is already up on it is
# reused; KRATIX_FRESH_PLATFORM=1 (set by CI) restarts it clean. KRATIX_TEST_GENERATIONS=current
# skips step 4; KRATIX_TEST_ADOPTER=0 skips the adopter test (it needs the npm registry).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
log() { printf '[test] %s\n' "$*" >&2; }

bash dev/tools/install.sh
PATH="$(bash dev/tools/ensure-node.sh):$PATH"
export PATH

# Both managers are built up front, so switching generations later needs no build.
bash dev/platform/build.sh --all-generations
# The node that runs Kratix's workflows on current Kratix (root only; dev/platform/README.md, "The node").
if [ "$(id -u)" = 0 ]; then
  KRATIX_PLATFORM_INSTANCE=main bash dev/node/build.sh
  KRATIX_PLATFORM_INSTANCE=main bash dev/node/image.sh
fi
if [ "${KRATIX_FRESH_PLATFORM:-}" = 1 ]; then bash dev/platform/down.sh; fi
KRATIX_GENERATION=current bash dev/platform/up.sh >/dev/null
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
stage "database tests on SQLite and PostgreSQL" npm run -s test:postgres
stage "platform integration tests" npm run -s test:platform
stage "browser end-to-end tests" npm run -s test:e2e
if [ "${KRATIX_TEST_ADOPTER:-1}" != 0 ]; then
  # This run started the platform and owns it until the end: the adopter test takes no lock.
  stage "adopter test (packed packages in a create-app app)" \
    env KRATIX_ADOPTER_PLATFORM_OWNED=1 npm run -s test:adopter
fi

if [ "${KRATIX_TEST_GENERATIONS:-current v0.125}" != current ]; then
  log "switching the local platform to the Kratix v0.125 manager"
  KRATIX_GENERATION=v0.125 bash dev/platform/up.sh >/dev/null
  bash dev/platform/seed.sh
  stage "generation-dependent platform tests on Kratix v0.125" npm run -s test:platform:generation
  log "switching the local platform back to the current Kratix manager"
  KRATIX_GENERATION=current bash dev/platform/up.sh >/dev/null
  bash dev/platform/seed.sh
fi
log "all tests passed"
