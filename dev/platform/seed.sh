#!/usr/bin/env bash
# Seeds the running local platform with a demo Promise (dependencies + destinationSelectors +
# a resource API) and one resource Work shaped like pipeline output, so the portal has content.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
source "$PLATFORM_DIR/lib.sh"
bash "$PLATFORM_DIR/status.sh" >/dev/null || die "the platform is not ready; run: npm run platform:up"
KUBECTL="$BIN/kubectl --kubeconfig=$STATE/admin.kubeconfig"
$KUBECTL apply -f "$PLATFORM_DIR/manifests/demo/promise.yaml" >/dev/null
# The resource Work is only meaningful once the Promise's API exists.
wait_for "Promise team-namespace Available" 60 \
  bash -c "[ \"\$($KUBECTL get promise team-namespace -o jsonpath='{.status.status}')\" = Available ]"
# Current Kratix stores workload content gzip-compressed and base64-encoded (lib/compression).
content=$(printf 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: payments\n' | gzip -nc | base64 -w0)
sed "s|CONTENT_NAMESPACE|$content|" "$PLATFORM_DIR/manifests/demo/resource-work.$KRATIX_GENERATION.yaml" | $KUBECTL apply -f - >/dev/null
wait_for "demo WorkPlacements written" 60 bash -c "$KUBECTL get workplacements -A -o jsonpath='{range .items[*]}{.status.versionID}{\"\\n\"}{end}' | grep -c . | grep -qx 3"
log "seeded: Promise team-namespace (2 dependency WorkPlacements on dev), resource default/payments on dev-1"
