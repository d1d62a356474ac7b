# Shared settings for the local Kratix platform scripts (sourced, not executed).
# See dev/platform/README.md for what each piece is and why.

# Pinned versions. Two Kratix generations can run (dev/platform/README.md, "Kratix generations"):
#   current  syntasso/kratix@ae170e22 (2026-08-21), what platform teams run today (the default)
#   v0.125   syntasso/kratix v0.125.0 (2024-07-08), what older platforms run
# KRATIX_GENERATION picks one; both managers are cached side by side, each with its own stamp.
K8S_VERSION=v1.36.3
K8S_STAGING_VERSION=v0.36.3
ETCD_VERSION=v3.6.8
KRATIX_MODULE=github.com/syntasso/kratix
# Requested generation: up.sh starts it (default current); the other scripts act on the platform
# as it runs (the generation up.sh recorded in its state), unless one is requested.
KRATIX_GENERATION_REQUESTED=${KRATIX_GENERATION:-}
kratix_generation_pins() { # $1 generation -> KRATIX_VERSION, KRATIX_MAIN (main package), KRATIX_GO
  case $1 in
    current) KRATIX_VERSION=v0.125.1-0.20260821082726-ae170e22e974 KRATIX_MAIN=$KRATIX_MODULE/cmd KRATIX_GO=1.26.0 ;;
    v0.125) KRATIX_VERSION=v0.125.0 KRATIX_MAIN=$KRATIX_MODULE KRATIX_GO=1.22.5 ;;
    *) echo "[platform] ERROR: KRATIX_GENERATION must be 'current' or 'v0.125' (got '$1')" >&2; exit 1 ;;
  esac
}
# Bump a RECIPE when build flags or the binary set change: its stamp then forces a rebuild.
K8S_RECIPE=3
KRATIX_RECIPE=1
STAMP="recipe=$K8S_RECIPE k8s=$K8S_VERSION staging=$K8S_STAGING_VERSION etcd=$ETCD_VERSION"
kratix_stamp() { echo "recipe=$KRATIX_RECIPE kratix=$KRATIX_VERSION"; }

PLATFORM_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$PLATFORM_DIR/../.." && pwd)
CACHE=${KRATIX_PLATFORM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kratix-backstage}
BIN=$CACHE/bin
# The manager of one generation: $CACHE/kratix/<generation>/kratix-manager (+ .stamp).
kratix_bin_dir() { echo "$CACHE/kratix/$1"; }
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
KRATIX_GENERATION=${KRATIX_GENERATION_REQUESTED:-$(cat "$STATE/generation" 2>/dev/null || echo current)}
kratix_generation_pins "$KRATIX_GENERATION"
KRATIX_BIN=$(kratix_bin_dir "$KRATIX_GENERATION")/kratix-manager

# Fixed ports for the main instance: one full platform per machine (the Kratix webhook port is
# hard-wired in the manager).
ETCD_CLIENT_PORT=${PORT_BASE:+$((PORT_BASE + 79))}; ETCD_CLIENT_PORT=${ETCD_CLIENT_PORT:-2379}
ETCD_PEER_PORT=${PORT_BASE:+$((PORT_BASE + 80))}; ETCD_PEER_PORT=${ETCD_PEER_PORT:-2380}
APISERVER_PORT=${PORT_BASE:+$((PORT_BASE + 443))}; APISERVER_PORT=${APISERVER_PORT:-6443}
KRATIX_WEBHOOK_PORT=9443
KRATIX_HEALTH_PORT=18081

# ae170e22 is not on the Go module proxy reachable here; a sibling folder `shared/goproxy` (a Go
# module proxy folder holding it) is put in front of the ordinary proxy when it exists. Anywhere
# else the ordinary proxy serves the same module (dev/platform/README.md says which is which).
SHARED_GOPROXY=$(cd "$REPO_ROOT/../shared/goproxy" 2>/dev/null && pwd || true)
go_env() {
  export GOMODCACHE=$CACHE/go/mod GOCACHE=$CACHE/go/build GOFLAGS=-modcacherw GOTOOLCHAIN=local GOWORK=off CGO_ENABLED=0
  if [ -n "$SHARED_GOPROXY" ] && [ -d "$SHARED_GOPROXY/github.com/syntasso/kratix" ]; then
    local upstream; upstream=$(GOPROXY= go env GOPROXY)
    case $upstream in file://"$SHARED_GOPROXY"*) ;; *) export GOPROXY="file://$SHARED_GOPROXY,$upstream" ;; esac
    # The checksum database cannot vouch for a module it has not seen through this folder.
    export GONOSUMDB=$KRATIX_MODULE
  fi
}

log() { printf '[platform %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '[platform] ERROR: %s\n' "$*" >&2; exit 1; }
