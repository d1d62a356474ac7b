#!/usr/bin/env bash
# Starts the local Kratix platform: etcd, kube-apiserver, Kratix CRDs, the Kratix manager of
# KRATIX_GENERATION (current by default, or v0.125), a local GitStateStore and three Destinations.
# Idempotent: what already runs is kept; a platform running the other generation is restarted
# fresh. Prints the time it took; `status.sh` says whether everything is ready.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
source "$PLATFORM_DIR/lib.sh"
T0=$(date +%s)

# platform:up starts the requested generation, current when none is requested.
KRATIX_GENERATION=${KRATIX_GENERATION_REQUESTED:-current}
kratix_generation_pins "$KRATIX_GENERATION"
KRATIX_BIN=$(kratix_bin_dir "$KRATIX_GENERATION")/kratix-manager
export KRATIX_GENERATION
bash "$PLATFORM_DIR/build.sh"
# The node (kubelet, containerd, runc, scheduler, Job controller) that runs Kratix's workflows:
# dev/node/README.md. Built and its images assembled before anything starts (stamps skip both).
NODE=0
if node_wanted; then
  NODE=1
  KRATIX_PLATFORM_INSTANCE=$INSTANCE bash "$REPO_ROOT/dev/node/build.sh"
  KRATIX_PLATFORM_INSTANCE=$INSTANCE bash "$REPO_ROOT/dev/node/image.sh"
fi
if [ "$WITH_MANAGER" = 1 ] && [ -f "$STATE/generation" ] && [ "$(cat "$STATE/generation")" != "$KRATIX_GENERATION" ]; then
  log "the platform in $STATE runs Kratix generation $(cat "$STATE/generation"); restarting it fresh with $KRATIX_GENERATION"
  bash "$PLATFORM_DIR/down.sh"
fi
[ "$WITH_MANAGER" = 1 ] || log "starting control plane instance '$INSTANCE' (state $STATE, apiserver port $APISERVER_PORT)"
go_env
mkdir -p "$STATE/logs" "$STATE/run" "$STATE/tmp"
echo "$KRATIX_GENERATION" > "$STATE/generation"
bash "$PLATFORM_DIR/pki.sh"
export KUBECONFIG=$STATE/admin.kubeconfig
KUBECTL="$BIN/kubectl --kubeconfig=$KUBECONFIG"

# --- etcd -------------------------------------------------------------------------------------
start_process etcd "$ETCD_CLIENT_PORT $ETCD_PEER_PORT" "$BIN/etcd" --name local --data-dir "$STATE/etcd" \
  --unsafe-no-fsync \
  --listen-client-urls "http://127.0.0.1:$ETCD_CLIENT_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_CLIENT_PORT" \
  --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-cluster "local=http://127.0.0.1:$ETCD_PEER_PORT" --log-level warn
wait_for "etcd /readyz" 30 curl -sf "http://127.0.0.1:$ETCD_CLIENT_PORT/readyz"

# --- kube-apiserver ---------------------------------------------------------------------------
# Without a node no pod ever runs: the ServiceAccount admission plugin stays off as before. With
# the node, pods get their ServiceAccount token (Kratix's pipeline containers call the apiserver),
# and the apiserver presents a client cert to the kubelet (logs) and checks the kubelet's cert.
# A running apiserver started the other way round is restarted.
if [ "$NODE" = 1 ]; then
  APISERVER_NODE_FLAGS=(--kubelet-client-certificate="$PKI/admin.crt" --kubelet-client-key="$PKI/admin.key"
    --kubelet-certificate-authority="$PKI/ca.crt")
else
  APISERVER_NODE_FLAGS=(--disable-admission-plugins=ServiceAccount)
fi
if pid_alive apiserver && [ "$(cat "$STATE/apiserver-node" 2>/dev/null)" != "$NODE" ]; then
  log "the running kube-apiserver was started with node=$(cat "$STATE/apiserver-node" 2>/dev/null || echo 0); restarting it with node=$NODE"
  bash "$PLATFORM_DIR/stop-component.sh" apiserver
fi
echo "$NODE" > "$STATE/apiserver-node"
start_process apiserver "$APISERVER_PORT" "$BIN/kube-apiserver" --etcd-servers="http://127.0.0.1:$ETCD_CLIENT_PORT" \
  --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$APISERVER_PORT" \
  --tls-cert-file="$PKI/apiserver.crt" --tls-private-key-file="$PKI/apiserver.key" \
  --client-ca-file="$PKI/ca.crt" --token-auth-file="$PKI/tokens.csv" \
  --service-account-issuer="https://127.0.0.1:$APISERVER_PORT" --service-account-key-file="$PKI/sa.pub" \
  --service-account-signing-key-file="$PKI/sa.key" --service-cluster-ip-range=10.0.0.0/24 \
  --authorization-mode=RBAC --allow-privileged=true --profiling=false "${APISERVER_NODE_FLAGS[@]}"
wait_for "kube-apiserver /readyz" 90 curl -sf --cacert "$PKI/ca.crt" --cert "$PKI/admin.crt" --key "$PKI/admin.key" \
  "https://127.0.0.1:$APISERVER_PORT/readyz"
# /readyz only means the namespace controller started; wait until the default namespace exists.
wait_for "namespace default" 60 $KUBECTL get namespace default

# --- CRDs, namespace, RBAC, state store, Destinations ------------------------------------------
# The CRDs ship inside the Kratix Go module; they are never copied into this repository.
# (go mod download -json reports its errors in the JSON it prints, under "Error".)
KRATIX_MOD_JSON=$(go mod download -json "$KRATIX_MODULE@$KRATIX_VERSION" 2>&1) ||
  die "go mod download $KRATIX_MODULE@$KRATIX_VERSION failed: $(printf '%s' "$KRATIX_MOD_JSON" | sed -n 's/.*"Error": "\(.*\)".*/\1/p' | head -n 3) (GOPROXY=$(go env GOPROXY); see dev/platform/README.md, 'Kratix generations')"
KRATIX_MOD_DIR=$(printf '%s' "$KRATIX_MOD_JSON" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
[ -d "$KRATIX_MOD_DIR/config/crd/bases" ] || die "Kratix CRDs not found in the module cache ($KRATIX_MODULE@$KRATIX_VERSION)"
$KUBECTL apply --server-side -f "$KRATIX_MOD_DIR/config/crd/bases" >/dev/null
$KUBECTL wait --for=condition=Established crd --all --timeout=60s >/dev/null
$KUBECTL get namespace kratix-platform-system >/dev/null 2>&1 || $KUBECTL create namespace kratix-platform-system >/dev/null
$KUBECTL apply -f "$PLATFORM_DIR/manifests/rbac.yaml" >/dev/null

if [ "$WITH_MANAGER" != 1 ]; then
  log "control plane '$INSTANCE' up in $(( $(date +%s) - T0 ))s (no Kratix manager)"
  echo "KUBECONFIG=$KUBECONFIG"
  exit 0
fi

init_git_state_store
write_git_config
$KUBECTL apply -f - >/dev/null <<YAML
apiVersion: v1
kind: Secret
metadata: {name: git-state-store, namespace: default}
stringData: {username: kratix, password: local-platform-unused}
---
apiVersion: platform.kratix.io/v1alpha1
kind: GitStateStore
metadata: {name: local}
spec:
  url: $(git_state_store_url)
  branch: main
  secretRef: {name: git-state-store, namespace: default}
YAML
destinations_manifest | $KUBECTL apply -f - >/dev/null

# --- the node ---------------------------------------------------------------------------------
if [ "$NODE" = 1 ]; then
  KRATIX_PLATFORM_INSTANCE=$INSTANCE bash "$REPO_ROOT/dev/node/start.sh"
elif node_enabled; then
  KRATIX_PLATFORM_INSTANCE=$INSTANCE bash "$REPO_ROOT/dev/node/stop.sh"
fi

# --- Kratix manager ---------------------------------------------------------------------------
# TMPDIR holds the webhook serving certs (written by pki.sh) and Kratix's git clones.
protect_kratix_tmpdir
# Current Kratix re-reconciles every Promise with dependencies in a loop (docs/kratix-generations.md):
# unthrottled it ran ~40 loops/s for a single Promise and kept the apiserver above one core of this
# 2-core machine. Its client rate limit (flags added in the current manager; help text: "0 means
# client-go's default (20)", which did not hold here) is set explicitly to that default.
KRATIX_RATE_FLAGS=()
[ "$KRATIX_GENERATION" = current ] && KRATIX_RATE_FLAGS=(--kube-api-qps=20 --kube-api-burst=40)
# The pipeline adapter image of every workflow Job's reader, work-writer and status-writer
# containers (kratix: api/v1alpha1/pipeline_factory.go reads PIPELINE_ADAPTER_IMG; dev/node/image.sh
# builds it from the same Kratix module).
if [ "$NODE" = 1 ]; then export PIPELINE_ADAPTER_IMG=docker.io/local/kratix-pipeline-adapter:1; fi
TMPDIR=$STATE/tmp GIT_CONFIG_GLOBAL=$STATE/gitconfig HOME=$STATE/tmp \
  start_process kratix "$KRATIX_WEBHOOK_PORT $KRATIX_HEALTH_PORT" "$KRATIX_BIN" \
  --kubeconfig="$KUBECONFIG" --metrics-bind-address=0 --pprof-bind-address=0 \
  --health-probe-bind-address="127.0.0.1:$KRATIX_HEALTH_PORT" "${KRATIX_RATE_FLAGS[@]}"
wait_for "Kratix manager /readyz" 60 curl -sf "http://127.0.0.1:$KRATIX_HEALTH_PORT/readyz"

# go-git (Kratix v0.125.0's GitStateStore writer) pushes to a file:// store through git-receive-pack;
# under concurrent writes a push can hang for good (go-git logs "packfile not found", then waits on
# a receive-pack that waits on it), and with it Kratix's WorkPlacement controller. Seen on this
# platform during the reliability suite. The watchdog ends a receive-pack of our store that is
# older than 60 s: go-git gets an error and Kratix retries the write.
start_process git-watchdog "" bash -c "while sleep 10; do for p in \$(pgrep -f '^git-receive-pack $(GIT_REPO)'); do a=\$(ps -o etimes= -p \$p | tr -d ' '); [ \"\${a:-0}\" -gt 60 ] && kill \$p && echo \"\$(date -u +%FT%TZ) ended hung git-receive-pack \$p (\${a} s)\"; done; done"

# --- real readiness: the state store and Destinations as this generation reports them ------------
if [ "$KRATIX_GENERATION" = current ]; then
  wait_for "GitStateStore local Ready" 90 state_store_ready local
fi
for d in dev-1 dev-2 prod-1; do
  wait_for "Destination $d ready ($(destination_readiness_source))" 90 destination_ready "$d"
done
log "platform up in $(( $(date +%s) - T0 ))s (Kratix generation $KRATIX_GENERATION$([ "$NODE" = 1 ] && echo ', with a node that runs workflows'))"
echo "KUBECONFIG=$KUBECONFIG"
