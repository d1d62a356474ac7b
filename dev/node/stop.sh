#!/usr/bin/env bash
# Stops what dev/node/start.sh (and the spike's kratix.sh) started, by PID file, and tears the pod
# network down; the control plane keeps running (dev/platform/down.sh calls this first). Pods are
# deleted through the API first so the kubelet stops their containers and sandboxes (network
# namespaces) itself. Leaves no containerd, shim, runc, mount, bridge or iptables rule behind.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
[ -d "$NODE_STATE" ] || exit 0
KUBECTL="$BIN/kubectl --kubeconfig=$STATE/admin.kubeconfig"

stop() { # $1 name
  local f=$NODE_STATE/run/$1.pid pid
  [ -f "$f" ] || return 0
  pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping $1 (pid $pid)"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$f"
}

stop kratix-manager
ip netns del kratixmgr 2>/dev/null || true
ip link del kxm-host 2>/dev/null || true
stop kube-controller-manager
stop kube-scheduler
if node_alive kubelet && $KUBECTL get --raw /readyz >/dev/null 2>&1; then
  # Job pods carry the Job controller's tracking finalizer, which only that (now stopped)
  # controller removes: drop it, or the deletion below waits for good.
  $KUBECTL get pods -A -o jsonpath='{range .items[?(@.metadata.finalizers)]}{.metadata.namespace}{" "}{.metadata.name}{"\n"}{end}' 2>/dev/null |
    while read -r ns pod; do
      $KUBECTL -n "$ns" patch pod "$pod" --type=json -p '[{"op":"remove","path":"/metadata/finalizers"}]' >/dev/null 2>&1 || true
    done
  $KUBECTL delete pods --all -A --grace-period=1 --wait=true --timeout=60s >/dev/null 2>&1 || log "pods not all gone after 60s"
fi
stop kubelet
stop api-forwarder
if node_alive containerd; then
  # Whatever the kubelet left: kill and remove the tasks and containers of namespace k8s.io.
  for c in $(CTR tasks ls -q 2>/dev/null); do CTR tasks kill -s SIGKILL "$c" >/dev/null 2>&1 || true; done
  sleep 0.5
  for c in $(CTR tasks ls -q 2>/dev/null); do CTR tasks delete -f "$c" >/dev/null 2>&1 || true; done
  for c in $(CTR containers ls -q 2>/dev/null); do CTR containers delete "$c" >/dev/null 2>&1 || true; done
fi
stop containerd
# Shims of our containerd (they outlive it by design): matched by our socket path, ended by PID.
for pid in $(pgrep -f "containerd-shim-runc-v2 .*-address $CONTAINERD_SOCK" || true); do kill "$pid" 2>/dev/null || true; done
stop apiserver-sa
# Mounts left under the node's state (container rootfs, sandbox shm, pod volumes), deepest first.
if [ -d "$NODE_STATE" ]; then
  findmnt -rn -o TARGET | grep "^$NODE_STATE/" | sort -r | while read -r m; do umount -l "$m" 2>/dev/null || true; done
fi
while iptables -D FORWARD -i "$NODE_BRIDGE" -m comment --comment kratix-node -j DROP 2>/dev/null; do :; done
while iptables -D FORWARD -o "$NODE_BRIDGE" -m comment --comment kratix-node -j DROP 2>/dev/null; do :; done
ip link del "$NODE_BRIDGE" 2>/dev/null || true
# The kubelet's own iptables chains (KUBE-FIREWALL: drop non-loopback -> 127.0.0.0/8; canaries).
for t in iptables ip6tables; do
  $t -D INPUT -j KUBE-FIREWALL 2>/dev/null || true
  $t -D OUTPUT -j KUBE-FIREWALL 2>/dev/null || true
  $t -F KUBE-FIREWALL 2>/dev/null && $t -X KUBE-FIREWALL 2>/dev/null || true
  for table in mangle nat filter; do
    $t -t $table -F KUBE-KUBELET-CANARY 2>/dev/null && $t -t $table -X KUBE-KUBELET-CANARY 2>/dev/null || true
  done
  $t -t mangle -X KUBE-IPTABLES-HINT 2>/dev/null || true
done
if [ -f "$NODE_STATE/ip_forward.orig" ]; then
  sysctl -qw net.ipv4.ip_forward="$(cat "$NODE_STATE/ip_forward.orig")"
fi
rm -f "$STATE/node-enabled"
