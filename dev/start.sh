#!/usr/bin/env bash
# README command 1: install everything and start the product on its embedded default:
# the local Kratix platform (built from Go modules, dev/platform) plus the Backstage app and
# backend pointed at it. Prints the URL to open. Ctrl-C stops Backstage; the platform keeps
# running until `npm run platform:down`.
#
# To use an existing Kratix cluster instead of the local platform:
#   KRATIX_USE_EXISTING_CLUSTER=1 KUBECONFIG=/path/to/kubeconfig npm start
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
log() { printf '[start] %s\n' "$*" >&2; }

bash dev/tools/install.sh
PATH="$(bash dev/tools/ensure-node.sh):$PATH"
export PATH

if [ "${KRATIX_USE_EXISTING_CLUSTER:-}" = 1 ]; then
  [ -n "${KUBECONFIG:-}" ] || { log "KRATIX_USE_EXISTING_CLUSTER=1 needs KUBECONFIG"; exit 1; }
  log "using the existing cluster in KUBECONFIG=$KUBECONFIG"
else
  if ! command -v go >/dev/null 2>&1; then
    log "Go is not installed, so the local Kratix platform cannot be built."
    log "Install Go >= 1.26, or use an existing Kratix cluster:"
    log "  KRATIX_USE_EXISTING_CLUSTER=1 KUBECONFIG=/path/to/kubeconfig npm start"
    exit 1
  fi
  bash dev/platform/up.sh >/dev/null
  bash dev/platform/seed.sh
  KUBECONFIG=$(bash dev/platform/status.sh | sed -n 's/^KUBECONFIG=//p')
  export KUBECONFIG
fi

log "starting Backstage (app http://localhost:3000, backend http://localhost:7007)"
log "open http://localhost:3000 (sign in as guest); the demo Promise: http://localhost:3000/catalog/default/component/team-namespace"
exec npx backstage-cli repo start packages/app packages/backend
