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
STATE=${KRATIX_PLATFORM_STATE:-$REPO_ROOT/.platform}
PKI=$STATE/pki

# Fixed ports: one platform per machine (the Kratix webhook port is hard-wired).
ETCD_CLIENT_PORT=2379
ETCD_PEER_PORT=2380
APISERVER_PORT=6443
KRATIX_WEBHOOK_PORT=9443
KRATIX_HEALTH_PORT=18081
GIT_SERVER_PORT=${KRATIX_GIT_PORT:-18443}

go_env() {
  export GOMODCACHE=$CACHE/go/mod GOCACHE=$CACHE/go/build GOFLAGS=-modcacherw GOTOOLCHAIN=local GOWORK=off CGO_ENABLED=0
}

log() { printf '[platform %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '[platform] ERROR: %s\n' "$*" >&2; exit 1; }
