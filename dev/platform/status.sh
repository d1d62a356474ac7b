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
# The node, when platform:up started one: its processes, and the Node's Ready condition.
if node_enabled; then
  for name in containerd kubelet api-forwarder kube-scheduler kube-controller-manager; do
    [ -f "$STATE/node/run/$name.pid" ] && kill -0 "$(cat "$STATE/node/run/$name.pid")" 2>/dev/null ||
      fail "node: $name is not running (restart with: npm run platform:up)"
  done
  [ "$(ready_condition node localhost)" = True ] || fail "node localhost is not Ready"
  echo "node localhost Ready: Kratix workflows run" >&2
elif [ "$WITH_MANAGER" = 1 ]; then
  echo "no node: Kratix workflows stay pending (see dev/node/README.md)" >&2
fi
echo "KUBECONFIG=$STATE/admin.kubeconfig"
