# Shared settings for the node scripts (sourced). Reuses dev/platform/env.sh and lib.sh:
# CACHE, BIN (kube-apiserver, kubectl, etcd), go_env, log, start_process, wait_for.
# The main platform (`npm run platform:up`, KRATIX_PLATFORM_INSTANCE=main) starts its node with
# start.sh; the spike scripts (up.sh, spike.sh, kratix.sh) run beside a control plane instance of
# their own ("node", ports 23xxx) when no instance is named.
export KRATIX_PLATFORM_INSTANCE=${KRATIX_PLATFORM_INSTANCE:-node}
export KRATIX_PLATFORM_PORT_BASE=${KRATIX_PLATFORM_PORT_BASE:-23000}
NODE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$NODE_DIR/../platform/env.sh"
source "$NODE_DIR/../platform/lib.sh"

# Bump when the binary set or build flags change.
NODE_RECIPE=1
NODE_BIN=$CACHE/node-bin
NODE_STAMP="recipe=$NODE_RECIPE k8s=$K8S_VERSION staging=$K8S_STAGING_VERSION"

# Node runtime state lives inside the instance's state directory.
NODE_STATE=$STATE/node
CONTAINERD_SOCK=$NODE_STATE/containerd/containerd.sock
CTR() { ctr --address "$CONTAINERD_SOCK" -n k8s.io "$@"; }

# Pod network: a bridge this project owns. Pods reach the apiserver at the bridge's host address.
NODE_BRIDGE=kratix0
POD_CIDR=10.88.0.0/16
BRIDGE_IP=10.88.0.1
SERVICE_CIDR=10.0.0.0/24
KUBERNETES_SERVICE_IP=10.0.0.1
# Locally administered, fixed (dev/node/start.sh says why).
BRIDGE_MAC=02:6b:72:61:74:01
CLUSTER_DNS=10.0.0.10
# "localhost": the apiserver dials a node by its Hostname address first (default
# --kubelet-preferred-address-types), and the kubelet listens on 127.0.0.1 only.
NODE_NAME=localhost
# The main instance uses Kubernetes' usual ports; other instances their port base + the same tail.
KUBELET_PORT=$((${PORT_BASE:-10000} + 250))
KUBELET_HEALTHZ_PORT=$((${PORT_BASE:-10000} + 248))
SCHEDULER_PORT=$((${PORT_BASE:-10000} + 259))
KCM_PORT=$((${PORT_BASE:-10000} + 257))
# The pipeline adapter image Kratix's workflow Jobs run (reader, work-writer, status-writer).
PIPELINE_ADAPTER_IMAGE=docker.io/local/kratix-pipeline-adapter:1


# Debian packages the node needs (installed when missing: CI machines are fresh).
NODE_PACKAGES="containerd runc containernetworking-plugins busybox-static iptables iproute2 socat"
ensure_packages() {
  local missing=() p
  for p in $NODE_PACKAGES; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" = 0 ] || die "the node needs root and these Debian packages: ${missing[*]}"
  log "installing Debian packages: ${missing[*]}"
  # One apt at a time: dev/tools/ensure-chromium.sh may be installing chromium meanwhile (.ci/run).
  flock /tmp/kratix-backstage-apt.lock sh -c \
    'apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null' \
    sh "${missing[@]}"
}

# The node's processes keep their PID files and logs in $NODE_STATE (dev/platform/down.sh does
# not know them; dev/node/down.sh stops them).
node_start() { local s=$STATE; STATE=$NODE_STATE; start_process "$@"; STATE=$s; }
node_alive() { [ -f "$NODE_STATE/run/$1.pid" ] && kill -0 "$(cat "$NODE_STATE/run/$1.pid")" 2>/dev/null; }
