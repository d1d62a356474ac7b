#!/usr/bin/env bash
# Starts the node pieces beside a running control plane instance (its apiserver must already run
# with the ServiceAccount admission plugin and the kubelet client flags; dev/platform/up.sh does
# that for the main platform, dev/node/up.sh for the spike instance). Needs root. Idempotent.
#   the pod network  bridge kratix0 10.88.0.1/16 (+ 10.0.0.1/32, the `kubernetes` Service IP) and a
#                    FORWARD drop rule so pods reach nothing but the host's bridge addresses
#   containerd       root/state/socket in $STATE/node/containerd, CRI with runc, cgroupfs, CNI
#   images           built offline (image.sh) and imported
#   kubelet          node "localhost" (the apiserver dials the node by hostname -> 127.0.0.1)
#   api-forwarder    socat 10.0.0.1:443 -> 127.0.0.1:<apiserver port> (the apiserver binds loopback)
#   kube-scheduler, kube-controller-manager (unless NODE_CONTROLLERS=0)
# NODE_APISERVER=platform: the apiserver sends no client cert to kubelets (spike only).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
T0=$(date +%s)
[ "$(id -u)" = 0 ] || die "the node needs root (containerd, runc, network namespaces)"
ensure_packages
bash "$NODE_DIR/build.sh"
bash "$NODE_DIR/image.sh"
export KUBECONFIG=$STATE/admin.kubeconfig
KUBECTL="$BIN/kubectl --kubeconfig=$KUBECONFIG"
mkdir -p "$NODE_STATE"/{run,logs,cni/net.d,cni/ipam,kubelet,pod-logs,pki}

# --- pod network ---------------------------------------------------------------------------------
# The bridge plugin (isGateway) turns ip_forward on; down.sh puts the host's value back.
[ -f "$NODE_STATE/ip_forward.orig" ] || sysctl -n net.ipv4.ip_forward > "$NODE_STATE/ip_forward.orig"
if ! ip link show "$NODE_BRIDGE" >/dev/null 2>&1; then
  ip link add "$NODE_BRIDGE" type bridge
  ip addr add "$BRIDGE_IP/16" dev "$NODE_BRIDGE"
  ip addr add "$KUBERNETES_SERVICE_IP/32" dev "$NODE_BRIDGE"
  ip link set "$NODE_BRIDGE" up
fi
# A fixed MAC: a bridge with a kernel-chosen MAC takes the lowest MAC of its ports, so each new pod
# could change it; running pods then kept the old gateway MAC in their ARP cache and lost the
# apiserver (i/o timeouts) for up to ~30 s whenever another pod started.
[ "$(cat "/sys/class/net/$NODE_BRIDGE/addr_assign_type")" = 3 ] || ip link set "$NODE_BRIDGE" address "$BRIDGE_MAC"
# With ip_forward on, pods must still reach nothing beyond the bridge: no forwarding in or out.
iptables -C FORWARD -i "$NODE_BRIDGE" -m comment --comment kratix-node -j DROP 2>/dev/null ||
  iptables -I FORWARD -i "$NODE_BRIDGE" -m comment --comment kratix-node -j DROP
iptables -C FORWARD -o "$NODE_BRIDGE" -m comment --comment kratix-node -j DROP 2>/dev/null ||
  iptables -I FORWARD -o "$NODE_BRIDGE" -m comment --comment kratix-node -j DROP
cat > "$NODE_STATE/cni/net.d/10-kratix.conflist" <<JSON
{"cniVersion": "0.4.0", "name": "kratix", "plugins": [
  {"type": "bridge", "bridge": "$NODE_BRIDGE", "isGateway": true, "ipMasq": false, "hairpinMode": true,
   "ipam": {"type": "host-local", "dataDir": "$NODE_STATE/cni/ipam",
            "ranges": [[{"subnet": "$POD_CIDR", "gateway": "$BRIDGE_IP"}]], "routes": [{"dst": "0.0.0.0/0"}]}}
]}
JSON

# --- containerd ----------------------------------------------------------------------------------
cat > "$NODE_STATE/containerd.toml" <<TOML
version = 2
root = "$NODE_STATE/containerd/root"
state = "$NODE_STATE/containerd/state"
disabled_plugins = ["io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper"]
[grpc]
  address = "$CONTAINERD_SOCK"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "docker.io/local/pause:1"
  # This sandbox withholds CAP_SYS_RESOURCE: no negative oom_score_adj (the pause container's -998
  # made runc fail with "can't get final child's PID from pipe: EOF"). Clamp to containerd's own.
  restrict_oom_score_adj = true
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$NODE_STATE/cni/net.d"
TOML
node_start containerd "" containerd --config "$NODE_STATE/containerd.toml"
wait_for "containerd socket" 30 ctr --address "$CONTAINERD_SOCK" version
bash "$NODE_DIR/image.sh" import

# --- kubelet -------------------------------------------------------------------------------------
if [ ! -f "$NODE_STATE/pki/kubelet.crt" ]; then
  openssl req -newkey rsa:2048 -nodes -keyout "$NODE_STATE/pki/kubelet.key" -out "$NODE_STATE/pki/kubelet.csr" -subj "/CN=$NODE_NAME" 2>/dev/null
  printf 'subjectAltName=DNS:%s,DNS:localhost,IP:127.0.0.1,IP:%s\nextendedKeyUsage=serverAuth\n' "$NODE_NAME" "$BRIDGE_IP" > "$NODE_STATE/pki/kubelet.ext"
  openssl x509 -req -in "$NODE_STATE/pki/kubelet.csr" -CA "$PKI/ca.crt" -CAkey "$PKI/ca.key" -CAcreateserial -days 3650 \
    -out "$NODE_STATE/pki/kubelet.crt" -extfile "$NODE_STATE/pki/kubelet.ext" 2>/dev/null
fi
# With our apiserver (it presents a client cert to kubelets and checks their serving cert) the
# kubelet authenticates and authorizes every request; the platform's apiserver as it is sends no
# client cert, so then the kubelet (on loopback only) must allow anonymous requests.
if [ "${NODE_APISERVER:-own}" = own ]; then
  KUBELET_AUTH="authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: $PKI/ca.crt}
authorization: {mode: Webhook}"
else
  KUBELET_AUTH="authentication:
  anonymous: {enabled: true}
  webhook: {enabled: false}
  x509: {clientCAFile: $PKI/ca.crt}
authorization: {mode: AlwaysAllow}"
fi
cat > "$NODE_STATE/kubelet.yaml" <<YAML
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: 127.0.0.1
port: $KUBELET_PORT
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: $KUBELET_HEALTHZ_PORT
tlsCertFile: $NODE_STATE/pki/kubelet.crt
tlsPrivateKeyFile: $NODE_STATE/pki/kubelet.key
$KUBELET_AUTH
cgroupDriver: cgroupfs
failCgroupV1: false
failSwapOn: false
containerRuntimeEndpoint: unix://$CONTAINERD_SOCK
podLogsDir: $NODE_STATE/pod-logs
clusterDomain: cluster.local
resolvConf: ""
registerNode: true
serializeImagePulls: false
evictionHard: {memory.available: "100Mi", nodefs.available: "1%", imagefs.available: "1%"}
imageGCHighThresholdPercent: 100
maxPods: 50
oomScoreAdj: 0
# Kratix's pipeline Jobs use restartPolicy OnFailure and backoffLimit 6: a failing workflow
# container restarts in place 6 times before the Job fails. With the default back-off
# (10 s doubling to 300 s) that takes about 10 minutes; capped at 2 s (KubeletCrashLoopBackOffMax,
# beta and on in 1.36) the Job fails within seconds.
crashLoopBackOff: {maxContainerRestartPeriod: 2s}
YAML
T_KUBELET=$(date +%s.%N)
node_start kubelet "$KUBELET_PORT $KUBELET_HEALTHZ_PORT" "$NODE_BIN/kubelet" --config="$NODE_STATE/kubelet.yaml" \
  --kubeconfig="$KUBECONFIG" --root-dir="$NODE_STATE/kubelet" --hostname-override="$NODE_NAME" --node-ip="$BRIDGE_IP" -v=2
wait_for "Node $NODE_NAME Ready" 120 bash -c "[ \"\$($KUBECTL get node $NODE_NAME -o jsonpath='{.status.conditions[?(@.type==\"Ready\")].status}')\" = True ]"
log "node $NODE_NAME Ready $(awk "BEGIN{printf \"%.1f\", $(date +%s.%N) - $T_KUBELET}")s after the kubelet started"

# --- pods reach the apiserver: the `kubernetes` Service IP is a host address on the bridge -------
node_start api-forwarder "" socat "TCP-LISTEN:443,bind=$KUBERNETES_SERVICE_IP,fork,reuseaddr" "TCP:127.0.0.1:$APISERVER_PORT"

# --- scheduler and controller-manager (Jobs, service accounts, root CA ConfigMaps) ---------------
# Only the controllers workflows need: Jobs, each namespace's default ServiceAccount and the
# kube-root-ca.crt ConfigMap of the projected token volume, the node lifecycle (it lifts the
# not-ready taint the kubelet registers the Node with; without it no pod is ever scheduled), and
# removing pods of deleted nodes.
# Without the garbage collector and namespace controller the platform behaves as it did before the
# node for everything but workflows (the platform tests rely on that); pods of Jobs Kratix deletes
# stay until platform:down.
KCM_CONTROLLERS=${NODE_KCM_CONTROLLERS:-job-controller,serviceaccount-controller,root-ca-certificate-publisher-controller,node-lifecycle-controller,pod-garbage-collector-controller}
if [ "${NODE_CONTROLLERS:-1}" = 1 ]; then
  node_start kube-scheduler "$SCHEDULER_PORT" "$NODE_BIN/kube-scheduler" --kubeconfig="$KUBECONFIG" \
    --bind-address=127.0.0.1 --secure-port="$SCHEDULER_PORT" --leader-elect=false
  node_start kube-controller-manager "$KCM_PORT" "$NODE_BIN/kube-controller-manager" --kubeconfig="$KUBECONFIG" \
    --bind-address=127.0.0.1 --secure-port="$KCM_PORT" --leader-elect=false \
    --service-account-private-key-file="$PKI/sa.key" --root-ca-file="$PKI/ca.crt" \
    --use-service-account-credentials=false --service-cluster-ip-range="$SERVICE_CIDR" \
    --controllers="$KCM_CONTROLLERS"
  wait_for "kube-scheduler /healthz" 60 curl -skf "https://127.0.0.1:$SCHEDULER_PORT/healthz"
  wait_for "kube-controller-manager /healthz" 60 curl -skf "https://127.0.0.1:$KCM_PORT/healthz"
  wait_for "ServiceAccount default/default" 60 $KUBECTL get serviceaccount default -n default
fi
echo node > "$STATE/node-enabled"
log "node $NODE_NAME up in $(( $(date +%s) - T0 ))s"
