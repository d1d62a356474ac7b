#!/usr/bin/env bash
# Builds kube-apiserver, kubectl and etcd ($CACHE/bin) and the Kratix manager of the selected
# generation ($CACHE/kratix/<generation>) from Go modules into the machine-level cache, once.
# `build.sh --all-generations` builds every generation's manager. Stamps skip what is current;
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
GENERATIONS=$KRATIX_GENERATION
[ "${1:-}" = --all-generations ] && GENERATIONS="current v0.125"

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

WRAP=$CACHE/build

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

build_kubernetes() {
  log "cold build of kube-apiserver, kubectl, etcd into $BIN ($STAMP); $(go version); this takes a long time on first run"
  rm -rf "$WRAP" "$BIN.new"
  mkdir -p "$WRAP" "$BIN.new"
  cd "$WRAP"
  step modules write_wrapper_module
  step etcd go build -trimpath -ldflags "-s -w" -o "$BIN.new/etcd" go.etcd.io/etcd/server/v3
  step kube-apiserver go build -trimpath -ldflags "$LD" -o "$BIN.new/kube-apiserver" k8s.io/kubernetes/cmd/kube-apiserver
  step kubectl go build -trimpath -ldflags "$LD" -o "$BIN.new/kubectl" k8s.io/kubernetes/cmd/kubectl
  echo "$STAMP" > "$BIN.new/.stamp"
  rm -rf "$BIN"
  mv "$BIN.new" "$BIN"
}

# A wrapper module per generation (`tool` directive): `go install module@version` also reads the
# module's version list for deprecation notices, which the proxy here refuses for
# github.com/syntasso/kratix.
build_kratix_generation() { # $1 generation
  local gen=$1 dir out
  kratix_generation_pins "$gen"
  dir=$(kratix_bin_dir "$gen")
  [ "$(cat "$dir/.stamp" 2>/dev/null)" = "$(kratix_stamp)" ] && return 0
  log "building the Kratix manager, generation $gen ($KRATIX_MODULE@$KRATIX_VERSION)"
  out=$dir.new
  rm -rf "$out" && mkdir -p "$out"
  write_kratix_module() {
    rm -rf "$CACHE/build-kratix-$gen" && mkdir -p "$CACHE/build-kratix-$gen" && cd "$CACHE/build-kratix-$gen"
    printf 'module local/kratix-build\n\ngo %s\n\nrequire %s %s\n\ntool %s\n' \
      "$KRATIX_GO" "$KRATIX_MODULE" "$KRATIX_VERSION" "$KRATIX_MAIN" > go.mod
    go mod tidy
  }
  build_kratix() {
    cd "$CACHE/build-kratix-$gen" && go build -trimpath -ldflags "-s -w" -o "$out/kratix-manager" "$KRATIX_MAIN"
  }
  step "kratix-$gen-modules" write_kratix_module
  step "kratix-$gen-manager" build_kratix
  kratix_stamp > "$out/.stamp"
  rm -rf "$dir"
  mv "$out" "$dir"
}

[ "$(cat "$BIN/.stamp" 2>/dev/null)" = "$STAMP" ] || build_kubernetes
for g in $GENERATIONS; do build_kratix_generation "$g"; done
kratix_generation_pins "$KRATIX_GENERATION"
t=$(( $(date +%s) - START ))
[ "$t" -lt 2 ] || log "build finished in ${t}s; cache size $(du -sh "$CACHE" | cut -f1)"
