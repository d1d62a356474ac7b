#!/usr/bin/env bash
# Builds kube-apiserver, kubectl, etcd and the Kratix manager from Go modules into the
# machine-level cache ($CACHE/bin), once. A stamp skips the build when versions match;
# a lock stops two builds at once; a killed build never leaves a matching stamp.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

if ! command -v go >/dev/null 2>&1; then
  die "Go is not installed, so the local Kratix platform cannot be built.
  Install Go >= 1.26, or point the product at an existing Kratix cluster instead:
  export KUBECONFIG=/path/to/kubeconfig (see README.md, 'Use an existing Kratix cluster')."
fi
go_env
mkdir -p "$CACHE/logs"
exec 9>"$CACHE/.lock"
if ! flock -n 9; then
  log "another build holds $CACHE/.lock; waiting for it"
  flock 9
fi
if [ "$(cat "$BIN/.stamp" 2>/dev/null)" = "$STAMP" ]; then
  exit 0
fi

START=$(date +%s)
step() { # $1 name, rest: command. Output goes to a log; failure names the step and the log.
  local name=$1; shift
  local logf="$CACHE/logs/build-$name.log" t0
  t0=$(date +%s)
  log "build step '$name' started (total elapsed $(( t0 - START ))s; log: $logf)"
  if ! "$@" >"$logf" 2>&1; then
    tail -n 30 "$logf" >&2 || true
    die "build step '$name' failed after $(( $(date +%s) - t0 ))s; full log: $logf"
  fi
  log "build step '$name' done in $(( $(date +%s) - t0 ))s"
}

log "cold build into $CACHE ($STAMP); $(go version); this takes a long time on first run"
WRAP=$CACHE/build
rm -rf "$WRAP" "$BIN.new"
mkdir -p "$WRAP" "$BIN.new"
cd "$WRAP"

write_wrapper_module() {
  local modfile staging
  modfile=$(go mod download -json "k8s.io/kubernetes@$K8S_VERSION" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
  [ -n "$modfile" ] || { echo "no go.mod for k8s.io/kubernetes@$K8S_VERSION"; return 1; }
  # k8s.io/kubernetes requires its staging modules at v0.0.0 with local replaces; the wrapper
  # replaces each with its published version instead.
  staging=$(awk '$2=="v0.0.0"{print $1}' "$modfile")
  cat > go.mod <<MOD
module local/kube-build

go 1.26.0

require k8s.io/kubernetes $K8S_VERSION

tool (
	k8s.io/kubernetes/cmd/kube-apiserver
	k8s.io/kubernetes/cmd/kubectl
	go.etcd.io/etcd/server/v3
)
MOD
  for m in $staging; do go mod edit "-replace=$m=$m@$K8S_STAGING_VERSION"; done
  go mod tidy
  local got
  got=$(go list -m -f '{{.Version}}' go.etcd.io/etcd/server/v3)
  [ "$got" = "$ETCD_VERSION" ] || { echo "etcd drifted to $got (want $ETCD_VERSION)"; return 1; }
}

LD="-s -w"
for kv in "gitVersion=$K8S_VERSION" gitMajor=1 gitMinor=36 gitTreeState=clean buildDate=2026-07-22T00:00:00Z; do
  LD="$LD -X k8s.io/component-base/version.$kv -X k8s.io/client-go/pkg/version.$kv"
done

step modules write_wrapper_module
# `go install module@version` also reads the module's version list for deprecation notices,
# which the proxy refuses (403) for github.com/syntasso/kratix; a second wrapper avoids it.
write_kratix_module() {
  rm -rf "$CACHE/build-kratix" && mkdir -p "$CACHE/build-kratix" && cd "$CACHE/build-kratix"
  printf 'module local/kratix-build\n\ngo 1.22.5\n\nrequire %s %s\n\ntool %s\n' \
    "$KRATIX_MODULE" "$KRATIX_VERSION" "$KRATIX_MODULE" > go.mod
  go mod tidy
}
build_kratix() {
  cd "$CACHE/build-kratix" && go build -trimpath -ldflags "-s -w" -o "$BIN.new/kratix-manager" "$KRATIX_MODULE"
}
step kratix-modules write_kratix_module
step kratix-manager build_kratix
cd "$WRAP"
step etcd go build -trimpath -ldflags "-s -w" -o "$BIN.new/etcd" go.etcd.io/etcd/server/v3
step kube-apiserver go build -trimpath -ldflags "$LD" -o "$BIN.new/kube-apiserver" k8s.io/kubernetes/cmd/kube-apiserver
step kubectl go build -trimpath -ldflags "$LD" -o "$BIN.new/kubectl" k8s.io/kubernetes/cmd/kubectl

echo "$STAMP" > "$BIN.new/.stamp"
rm -rf "$BIN"
mv "$BIN.new" "$BIN"
log "build finished in $(( $(date +%s) - START ))s; cache size $(du -sh "$CACHE" | cut -f1)"
