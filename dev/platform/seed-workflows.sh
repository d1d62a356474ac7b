#!/usr/bin/env bash
# Seeds the demo whose workflows really run (needs the node: current Kratix, as root): Promise
# team-bucket (a Promise configure workflow and a resource configure workflow) and two requests,
# default/orders and default/analytics; waits until Kratix reports the Promise Available and each
# request's Work written by its resource workflow. Kept apart from seed.sh, whose fixture scenario
# the platform and browser tests rely on.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
source "$PLATFORM_DIR/lib.sh"
T0=$(date +%s)
bash "$PLATFORM_DIR/status.sh" >/dev/null || die "the platform is not ready; run: npm run platform:up"
node_enabled || die "the platform runs no node, so workflows cannot run (dev/platform/README.md, 'The node')"
KUBECTL="$BIN/kubectl --kubeconfig=$STATE/admin.kubeconfig"
DEMO=$PLATFORM_DIR/manifests/demo/workflows
$KUBECTL apply -f "$DEMO/promise.yaml" >/dev/null
wait_for "Promise team-bucket Available (its configure workflow ran)" 180 \
  bash -c "[ \"\$($KUBECTL get promise team-bucket -o jsonpath='{.status.status}')\" = Available ]"
log "Promise team-bucket Available after $(( $(date +%s) - T0 ))s"
wait_for "CRD teambuckets.demo.kratix.io" 60 $KUBECTL get crd teambuckets.demo.kratix.io
$KUBECTL apply -f "$DEMO/requests.yaml" >/dev/null
for r in orders analytics; do
  wait_for "Work of default/$r written by its resource workflow" 180 \
    bash -c "$KUBECTL get works -n default -l kratix.io/promise-name=team-bucket,kratix.io/resource-name=$r -o name | grep -q ."
done
log "seeded workflows in $(( $(date +%s) - T0 ))s: Promise team-bucket, requests default/orders and default/analytics (Works from their resource workflows)"
