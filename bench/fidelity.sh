#!/usr/bin/env bash
# Differential fidelity run: COUNT generated scenarios, predicted by the what-if engine
# (backend preview routes, computed from the backend cache), applied to the REAL Kratix manager of
# the local platform, and compared. Prints the per-rule coverage table and
# `agreement: N/N scenarios (P%)`; exits non-zero on any disagreement.
#
#   bench/fidelity.sh [count=200] [first-seed=random]     (or: npm run fidelity -- 200 1234)
#   KRATIX_FIDELITY_SEEDS=17,42 bench/fidelity.sh           replay given seeds
#   KRATIX_FIDELITY_VERBOSE=1                               print every step
#   KRATIX_FIDELITY_REPORT=<file>                           where the report goes (default: a temp file)
#
# Needs the local platform (npm run platform:up). Scenarios run one after the other, ~10-25 s each;
# every 10 scenarios the state store is pruned of deleted Destinations' files (Kratix keeps them, and
# its git writer clones the whole tree on each write: without pruning scenarios slow to over 60 s).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PATH=$(bash "$ROOT/dev/tools/ensure-node.sh"):$PATH
export PATH

COUNT=${1:-200}
SEED=${2:-}
if ! [[ $COUNT =~ ^[0-9]+$ ]] || [ "$COUNT" -lt 1 ]; then
  echo "usage: bench/fidelity.sh [count] [seed]" >&2
  exit 2
fi
if [ -n "$SEED" ] && ! [[ $SEED =~ ^[0-9]+$ ]]; then
  echo "seed must be a non-negative integer" >&2
  exit 2
fi
if ! bash "$ROOT/dev/platform/status.sh" >/dev/null; then
  echo "the local Kratix platform is not up: npm run platform:up" >&2
  exit 1
fi

export KRATIX_FIDELITY_COUNT=$COUNT
[ -n "$SEED" ] && export KRATIX_FIDELITY_SEED=$SEED
export KRATIX_FIDELITY_REPORT=${KRATIX_FIDELITY_REPORT:-$(mktemp "${TMPDIR:-/tmp}/kratix-fidelity.XXXXXX.txt")}

start=$(date +%s)
status=0
(
  cd "$ROOT/packages/fidelity"
  # Generous: a scenario can take minutes when the shared platform is busy.
  CI=true npx backstage-cli package test --runInBand --testTimeout=$(( (COUNT * 300 + 600) * 1000 )) \
    --testPathPatterns 'fidelity\.run\.platform\.test'
) || status=$?
end=$(date +%s)
echo
echo "fidelity: $COUNT scenarios in $(( end - start )) s (report: $KRATIX_FIDELITY_REPORT)"
[ -s "$KRATIX_FIDELITY_REPORT" ] && grep '^agreement:' "$KRATIX_FIDELITY_REPORT"
exit $status
