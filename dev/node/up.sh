#!/usr/bin/env bash
# Spike (issue 17): a real node beside a control plane instance of this project, instance "node"
# (dev/platform/up.sh with KRATIX_PLATFORM_INSTANCE=node, ports 23xxx), then start.sh:
#   the pod network  bridge kratix0 10.88.0.1/16 (+ 10.0.0.1/32, the `kubernetes` Service IP) and a
#                    FORWARD drop rule so pods reach nothing but the host's bridge addresses
#   containerd       root/state/socket in $STATE/node/containerd, CRI with runc, cgroupfs, CNI
#   images           pause + probe, built offline (image.sh) and imported
#   kubelet          node "localhost" (the apiserver dials the node by hostname -> 127.0.0.1)
#   api-forwarder    socat 10.0.0.1:443 -> 127.0.0.1:<apiserver port> (the apiserver binds loopback)
#   kube-scheduler, kube-controller-manager (unless NODE_CONTROLLERS=0)
# NODE_APISERVER=own (default) replaces the instance's apiserver by one with the same flags but the
# ServiceAccount admission plugin on (pods get their token mounted); NODE_APISERVER=platform keeps it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
T0=$(date +%s)
[ "$(id -u)" = 0 ] || die "the node needs root (containerd, runc, network namespaces)"
ensure_packages
bash "$NODE_DIR/build.sh"
# The instance's own apiserver is replaced below; on a re-run, the replacement already serves.
node_alive apiserver-sa || bash "$PLATFORM_DIR/up.sh" >/dev/null
T_CP=$(date +%s)
mkdir -p "$NODE_STATE"/run "$NODE_STATE"/logs

# --- apiserver with ServiceAccount admission ---------------------------------------------------
if [ "${NODE_APISERVER:-own}" = own ] && ! node_alive apiserver-sa; then
  bash "$PLATFORM_DIR/stop-component.sh" apiserver >/dev/null
  node_start apiserver-sa "$APISERVER_PORT" "$BIN/kube-apiserver" --etcd-servers="http://127.0.0.1:$ETCD_CLIENT_PORT" \
    --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$APISERVER_PORT" \
    --tls-cert-file="$PKI/apiserver.crt" --tls-private-key-file="$PKI/apiserver.key" \
    --client-ca-file="$PKI/ca.crt" --token-auth-file="$PKI/tokens.csv" \
    --service-account-issuer="https://127.0.0.1:$APISERVER_PORT" --service-account-key-file="$PKI/sa.pub" \
    --service-account-signing-key-file="$PKI/sa.key" --service-cluster-ip-range="$SERVICE_CIDR" \
    --authorization-mode=RBAC --allow-privileged=true --profiling=false \
    --kubelet-client-certificate="$PKI/admin.crt" --kubelet-client-key="$PKI/admin.key" \
    --kubelet-certificate-authority="$PKI/ca.crt"
  wait_for "kube-apiserver (ServiceAccount admission) /readyz" 90 curl -sf --cacert "$PKI/ca.crt" --cert "$PKI/admin.crt" --key "$PKI/admin.key" \
    "https://127.0.0.1:$APISERVER_PORT/readyz"
fi

bash "$NODE_DIR/start.sh"
log "node instance up in $(( $(date +%s) - T0 ))s (control plane $(( T_CP - T0 ))s)"
echo "KUBECONFIG=$STATE/admin.kubeconfig"
