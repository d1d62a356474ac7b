#!/usr/bin/env bash
# Exits 0 only when the whole local platform is ready, printing one line KUBECONFIG=<path>.
# Otherwise says on stderr what is not ready and exits 1.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
source "$PLATFORM_DIR/lib.sh"

fail() { echo "platform not ready: $*" >&2; exit 1; }
names="etcd apiserver"; [ "$WITH_MANAGER" = 1 ] && names="$names kratix"
for name in $names; do pid_alive "$name" || fail "$name is not running (start it with: npm run platform:up)"; done
curl -sf "http://127.0.0.1:$ETCD_CLIENT_PORT/readyz" >/dev/null || fail "etcd /readyz"
curl -sf --cacert "$PKI/ca.crt" --cert "$PKI/admin.crt" --key "$PKI/admin.key" \
  "https://127.0.0.1:$APISERVER_PORT/readyz" >/dev/null || fail "kube-apiserver /readyz"
if [ "$WITH_MANAGER" = 1 ]; then
  curl -sf "http://127.0.0.1:$KRATIX_HEALTH_PORT/readyz" >/dev/null || fail "Kratix manager /readyz"
  for d in dev-1 dev-2 prod-1; do destination_ready "$d" || fail "Destination $d"; done
fi
echo "KUBECONFIG=$STATE/admin.kubeconfig"
