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
[ "$(cat "$NODE_BIN/.stamp" 2>/dev/null)" = "$NODE_STAMP" ] && exit 0

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
log "node build finished in $(( $(date +%s) - START ))s"
