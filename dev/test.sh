#!/usr/bin/env bash
# README command 2: runs every test. Installs what is missing (Node 24, npm packages, the local
# Kratix platform from Go modules), starts the platform, then runs, in order:
#   1. unit tests (pure logic, components)                       npm run test:unit
#      (while the platform builds in the background, when it is not built yet)
#      then the backend plugin's database tests on SQLite and a local PostgreSQL, with two backend
#      replicas on one PostgreSQL against the platform
#                                                                 npm run test:postgres
#   2. integration tests against the real platform (*.platform.test.ts, serially)
#                                                                 npm run test:platform
#   3. browser end-to-end tests (Debian chromium + playwright-core against the running app)
#                                                                 npm run test:e2e
#   4. the platform tests whose expected result depends on the Kratix generation, again on the
#      v0.125 manager (KRATIX_GENERATION=v0.125)              npm run test:platform:generation
#      and meanwhile the adopter test's build phase: our packed packages (npm run release:pack,
#      just before) in a fresh @backstage/create-app app, its full type check and frontend build
#      (no platform needed)
#   5. the adopter test's run phase, back on the current manager: that app's backend against the
#      platform, and a browser on its pages                    npm run test:adopter
# Steps 1-3 and 5 run on the current Kratix manager (ae170e22). A platform that is already up on
# it is reused; KRATIX_FRESH_PLATFORM=1 (set by CI) restarts it clean. KRATIX_TEST_GENERATIONS=current
# skips step 4 (the adopter test then runs whole after step 3); KRATIX_TEST_ADOPTER=0 skips the
# adopter test (it needs the npm registry).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
log() { printf '[test] %s\n' "$*" >&2; }

bash dev/tools/install.sh
PATH="$(bash dev/tools/ensure-node.sh):$PATH"
export PATH
mkdir -p test-results
BG=()
# Ends what this script started in the background if it stops early.
trap 'for p in "${BG[@]}"; do kill -- -"$p" 2>/dev/null || true; done' EXIT
# in_background NAME LOG COMMAND...: runs COMMAND in its own process group; its pid is in $BG_PID.
in_background() {
  local name=$1 logf=$2; shift 2
  log "$name: in the background, log $logf"
  setsid "$@" >"$logf" 2>&1 </dev/null &
  BG_PID=$!
  BG+=("$BG_PID")
}
# await_job PID NAME LOG: waits for a background job; on failure shows the end of its log.
await_job() {
  if wait "$1"; then return 0; fi
  log "$2 FAILED; the end of $3:"
  tail -n 40 "$3" >&2 || true
  return 1
}
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

# Both managers and the node that runs Kratix's workflows (root only; dev/platform/README.md,
# "The node") are built up front, so switching generations later needs no build. Where they are
# not built yet, the unit tests (which need no platform) run meanwhile.
BUILD_LOG=test-results/platform-build.log
in_background "building the local platform (skipped when the machine cache is current)" "$BUILD_LOG" \
  bash dev/platform/build-all.sh
build_pid=$BG_PID
stage "unit tests" npm run -s test:unit
log "waiting for the platform build ($BUILD_LOG)"
await_job "$build_pid" "the platform build" "$BUILD_LOG"
grep -E 'done in|skipp|current' "$BUILD_LOG" | tail -n 12 >&2 || true
if [ "${KRATIX_FRESH_PLATFORM:-}" = 1 ]; then bash dev/platform/down.sh; fi
KRATIX_GENERATION=current bash dev/platform/up.sh >/dev/null
bash dev/platform/seed.sh

stage "database tests on SQLite and PostgreSQL" npm run -s test:postgres
stage "platform integration tests" npm run -s test:platform
stage "browser end-to-end tests" npm run -s test:e2e

ADOPTER=${KRATIX_TEST_ADOPTER:-1}
# This run started the platform and owns it until the end: the adopter test takes no lock.
export KRATIX_ADOPTER_PLATFORM_OWNED=1
if [ "${KRATIX_TEST_GENERATIONS:-current v0.125}" != current ]; then
  ADOPTER_LOG=test-results/adopter-build.log
  if [ "$ADOPTER" != 0 ]; then
    # Packing swaps the packages' package.json for a moment (npm pack's prepack): not while tests run.
    stage "release tarballs (npm run release:pack)" npm run -s release:pack
    # The build phase needs no platform and the v0.125 tests leave most of the CPU idle.
    in_background "adopter test, build phase (create-app app, install, type check, frontend build)" \
      "$ADOPTER_LOG" env KRATIX_ADOPTER_PHASE=build KRATIX_ADOPTER_SKIP_PACK=1 npm run -s test:adopter
    adopter_pid=$BG_PID
  fi
  log "switching the local platform to the Kratix v0.125 manager"
  KRATIX_GENERATION=v0.125 bash dev/platform/up.sh >/dev/null
  bash dev/platform/seed.sh
  stage "generation-dependent platform tests on Kratix v0.125" npm run -s test:platform:generation
  log "switching the local platform back to the current Kratix manager"
  KRATIX_GENERATION=current bash dev/platform/up.sh >/dev/null
  bash dev/platform/seed.sh
  if [ "$ADOPTER" != 0 ]; then
    stage "adopter test, build phase (waiting for it)" await_job "$adopter_pid" "the adopter build phase" "$ADOPTER_LOG"
    grep -E '^\[adopter' "$ADOPTER_LOG" | tail -n 12 >&2 || true
    stage "adopter test, run phase (its backend against the platform, a browser on its pages)" \
      env KRATIX_ADOPTER_PHASE=run npm run -s test:adopter
  fi
elif [ "$ADOPTER" != 0 ]; then
  stage "adopter test (packed packages in a create-app app)" npm run -s test:adopter
fi
log "all tests passed"
