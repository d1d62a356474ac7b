#!/usr/bin/env bash
# Builds kubelet, kube-scheduler and kube-controller-manager from the same
# k8s.io/kubernetes module as the platform's apiserver (a wrapper module with the staging modules
# replaced by their published versions), into $CACHE/node-bin with its own stamp and lock.
# Shares the platform's Go module and build caches (go_env).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
command -v go >/dev/null || die "Go is not installed"
go_env
mkdir -p "$CACHE/logs"
exec 8>"$CACHE/.node-lock"
flock -n 8 || { log "another node build holds $CACHE/.node-lock; waiting"; flock 8; }
START=$(date +%s)
step() {
  local name=$1; shift
  local logf="$CACHE/logs/build-node-$name.log" t0; t0=$(date +%s)
  log "node build step '$name' started (log: $logf)"
  if ! "$@" >"$logf" 2>&1; then
    tail -n 30 "$logf" >&2 || true
    die "node build step '$name' failed after $(( $(date +%s) - t0 ))s; full log: $logf"
  fi
  log "node build step '$name' done in $(( $(date +%s) - t0 ))s"
}

WRAP=$CACHE/build-node
write_wrapper_module() {
  local modfile staging
  modfile=$(go mod download -json "k8s.io/kubernetes@$K8S_VERSION" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
  [ -n "$modfile" ] || { echo "no go.mod for k8s.io/kubernetes@$K8S_VERSION"; return 1; }
  staging=$(awk '$2=="v0.0.0"{print $1}' "$modfile")
  cat > go.mod <<MOD
module local/kube-node-build

go 1.26.0

require k8s.io/kubernetes $K8S_VERSION

tool (
	k8s.io/kubernetes/cmd/kubelet
	k8s.io/kubernetes/cmd/kube-scheduler
	k8s.io/kubernetes/cmd/kube-controller-manager
)
MOD
  for m in $staging; do go mod edit "-replace=$m=$m@$K8S_STAGING_VERSION"; done
  go mod tidy
}

LD="-s -w"
for kv in "gitVersion=$K8S_VERSION" gitMajor=1 gitMinor=36 gitTreeState=clean buildDate=2026-07-22T00:00:00Z; do
  LD="$LD -X k8s.io/component-base/version.$kv -X k8s.io/client-go/pkg/version.$kv"
done

build_node() {
log "cold build of kubelet, kube-scheduler, kube-controller-manager into $NODE_BIN ($NODE_STAMP); $(go version)"
rm -rf "$WRAP" "$NODE_BIN.new"
mkdir -p "$WRAP" "$NODE_BIN.new"
cd "$WRAP"
step modules write_wrapper_module
for c in kubelet kube-scheduler kube-controller-manager; do
  step "$c" go build -trimpath -ldflags "$LD" -o "$NODE_BIN.new/$c" "k8s.io/kubernetes/cmd/$c"
done
echo "$NODE_STAMP" > "$NODE_BIN.new/.stamp"
rm -rf "$NODE_BIN"
mv "$NODE_BIN.new" "$NODE_BIN"
}

# Kratix's pipeline adapter (reader, work-creator, status writer of every workflow Job): the
# `work-creator` main package of the Kratix module the platform runs (current generation), like
# the upstream Dockerfile's `go build -o /out/pipeline-adapter work-creator/*.go`.
ADAPTER_DIR=$CACHE/node-adapter
adapter_stamp() { kratix_generation_pins current; echo "adapter=1 kratix=$KRATIX_VERSION"; }
build_adapter() {
  kratix_generation_pins current
  log "building Kratix's pipeline adapter ($KRATIX_MODULE@$KRATIX_VERSION work-creator)"
  rm -rf "$ADAPTER_DIR.new" && mkdir -p "$ADAPTER_DIR.new"
  write_adapter_module() {
    rm -rf "$CACHE/build-node-adapter" && mkdir -p "$CACHE/build-node-adapter" && cd "$CACHE/build-node-adapter"
    printf 'module local/kratix-adapter-build\n\ngo %s\n\nrequire %s %s\n\ntool %s/work-creator\n' \
      "$KRATIX_GO" "$KRATIX_MODULE" "$KRATIX_VERSION" "$KRATIX_MODULE" > go.mod
    go mod tidy
  }
  build() { cd "$CACHE/build-node-adapter" && go build -trimpath -ldflags "-s -w" -o "$ADAPTER_DIR.new/pipeline-adapter" "$KRATIX_MODULE/work-creator"; }
  step adapter-modules write_adapter_module
  step adapter build
  adapter_stamp > "$ADAPTER_DIR.new/.stamp"
  rm -rf "$ADAPTER_DIR" && mv "$ADAPTER_DIR.new" "$ADAPTER_DIR"
}

[ "$(cat "$NODE_BIN/.stamp" 2>/dev/null)" = "$NODE_STAMP" ] || build_node
[ "$(cat "$ADAPTER_DIR/.stamp" 2>/dev/null)" = "$(adapter_stamp)" ] || build_adapter
t=$(( $(date +%s) - START ))
[ "$t" -lt 2 ] || log "node build finished in ${t}s"
