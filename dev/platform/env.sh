# Shared settings for the local Kratix platform scripts (sourced, not executed).
# See dev/platform/README.md for what each piece is and why.

# Pinned versions. Kratix: the product targets syntasso/kratix@ae170e22, but the Go module proxy
# serves no version of github.com/syntasso/kratix except v0.125.0 (2024-07-08), the nearest
# published one, so the local platform runs that real controller (see dev/platform/README.md).
K8S_VERSION=v1.36.3
K8S_STAGING_VERSION=v0.36.3
ETCD_VERSION=v3.6.8
KRATIX_MODULE=github.com/syntasso/kratix
KRATIX_VERSION=v0.125.0
# Bump RECIPE when build flags or the binary set change: the stamp then forces a rebuild.
RECIPE=2
STAMP="recipe=$RECIPE k8s=$K8S_VERSION staging=$K8S_STAGING_VERSION etcd=$ETCD_VERSION kratix=$KRATIX_VERSION"

PLATFORM_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$PLATFORM_DIR/../.." && pwd)
CACHE=${KRATIX_PLATFORM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kratix-backstage}
BIN=$CACHE/bin
# The main instance is the full platform (Kratix manager included). Other instances
# (KRATIX_PLATFORM_INSTANCE=bench|faults|<name>) are a control plane only: etcd + kube-apiserver
# with the Kratix CRDs and no manager, on their own ports and state directory, for benchmarks that
# seed objects Kratix must not act on and for fault tests that stop the apiserver.
INSTANCE=${KRATIX_PLATFORM_INSTANCE:-main}
if [ "$INSTANCE" = main ]; then
  STATE=${KRATIX_PLATFORM_STATE:-$REPO_ROOT/.platform}
  PORT_BASE=
  WITH_MANAGER=1
else
  [[ $INSTANCE =~ ^[a-z][a-z0-9-]*$ ]] || { echo "bad KRATIX_PLATFORM_INSTANCE: $INSTANCE" >&2; exit 1; }
  STATE=${KRATIX_PLATFORM_STATE:-$REPO_ROOT/.platform-$INSTANCE}
  case $INSTANCE in
    bench) PORT_BASE=${KRATIX_PLATFORM_PORT_BASE:-21000} ;;
    faults) PORT_BASE=${KRATIX_PLATFORM_PORT_BASE:-22000} ;;
    *) PORT_BASE=${KRATIX_PLATFORM_PORT_BASE:?set KRATIX_PLATFORM_PORT_BASE for instance $INSTANCE} ;;
  esac
  WITH_MANAGER=0
fi
PKI=$STATE/pki

# Fixed ports for the main instance: one full platform per machine (the Kratix webhook port is
# hard-wired in the manager).
ETCD_CLIENT_PORT=${PORT_BASE:+$((PORT_BASE + 79))}; ETCD_CLIENT_PORT=${ETCD_CLIENT_PORT:-2379}
ETCD_PEER_PORT=${PORT_BASE:+$((PORT_BASE + 80))}; ETCD_PEER_PORT=${ETCD_PEER_PORT:-2380}
APISERVER_PORT=${PORT_BASE:+$((PORT_BASE + 443))}; APISERVER_PORT=${APISERVER_PORT:-6443}
KRATIX_WEBHOOK_PORT=9443
KRATIX_HEALTH_PORT=18081

go_env() {
  export GOMODCACHE=$CACHE/go/mod GOCACHE=$CACHE/go/build GOFLAGS=-modcacherw GOTOOLCHAIN=local GOWORK=off CGO_ENABLED=0
}

log() { printf '[platform %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '[platform] ERROR: %s\n' "$*" >&2; exit 1; }
