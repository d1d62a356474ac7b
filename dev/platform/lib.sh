# Helpers for the platform scripts (sourced after env.sh).

pid_alive() { [ -f "$STATE/run/$1.pid" ] && kill -0 "$(cat "$STATE/run/$1.pid")" 2>/dev/null; }

port_busy() { # true when something listens on 127.0.0.1:$1 or *:$1
  ss -Hltn "sport = :$1" 2>/dev/null | grep -q . 
}

# start_process NAME "PORTS" CMD...: starts CMD detached with its log in $STATE/logs/NAME.log,
# unless our own process NAME already runs. Refuses, naming the port, when a port is taken.
start_process() {
  local name=$1 ports=$2; shift 2
  if pid_alive "$name"; then log "$name already running (pid $(cat "$STATE/run/$name.pid"))"; return 0; fi
  local p
  for p in $ports; do
    port_busy "$p" && die "port $p is already in use (needed by $name); stop what listens there (ss -ltnp 'sport = :$p') or run 'npm run platform:down'"
  done
  log "starting $name (log: $STATE/logs/$name.log)"
  # Other descriptors are closed: a lock held by whoever started the platform (flock) must not be
  # held for as long as the platform runs.
  setsid "$@" >"$STATE/logs/$name.log" 2>&1 < /dev/null 3>&- 4>&- 5>&- 6>&- 7>&- 8>&- 9>&- &
  echo $! > "$STATE/run/$name.pid"
}

# wait_for DESCRIPTION TIMEOUT_SECONDS CMD...: polls CMD every 0.5 s.
wait_for() {
  local what=$1 timeout=$2; shift 2
  local deadline=$(( $(date +%s) + timeout ))
  until "$@" >/dev/null 2>&1; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      log "timed out after ${timeout}s waiting for: $what"
      local f; for f in "$STATE"/logs/*.log; do echo "--- tail $f" >&2; tail -n 15 "$f" >&2; done
      die "not ready: $what"
    fi
    sleep 0.5
  done
}

GIT_REPO() { echo "$STATE/git/state.git"; }

# A bare repository with a seeded main branch (Kratix clones --branch main).
init_git_state_store() {
  local repo; repo=$(GIT_REPO)
  [ -d "$repo" ] && return 0
  mkdir -p "$STATE/git"
  git init -q --bare -b main "$repo"
  local t; t=$(mktemp -d)
  git -C "$t" init -q -b main
  echo "Local Kratix platform state store" > "$t/README.md"
  git -C "$t" add README.md
  git -C "$t" -c user.name=platform -c user.email=platform@local commit -q -m seed
  git -C "$t" push -q "$repo" main
  rm -rf "$t"
}

# How the manager reaches the bare repository depends on the generation:
# - v0.125 writes with go-git, whose file:// transport runs the system git-upload-pack and
#   git-receive-pack (go-git plumbing/transport/file/client.go), so the bare repo path works as is.
# - current drives the git binary and accepts only https:// or ssh URLs for a GitStateStore
#   (util/git/git.go refuses others: "invalid URL for HTTPS auth method"); the store gets an https URL
#   that the manager's git rewrites to the bare repository (url.insteadOf in GIT_CONFIG_GLOBAL).
GIT_HTTPS_PREFIX=https://state.kratix.localhost/
git_state_store_url() {
  if [ "$KRATIX_GENERATION" = current ]; then echo "${GIT_HTTPS_PREFIX}state.git"; else echo "file://$(GIT_REPO)"; fi
}
write_git_config() {
  cat > "$STATE/gitconfig" <<CFG
[url "file://$STATE/git/"]
	insteadOf = $GIT_HTTPS_PREFIX
[user]
	name = kratix
	email = kratix@platform.local
[safe]
	directory = *
CFG
}

# Lists the files on the state store's main branch.
state_store_files() { git --git-dir="$(GIT_REPO)" ls-tree -r --name-only main; }

# The three Destinations of the local platform, sharing one GitStateStore: two dev, one prod. Each
# writes under destinations/<name>/ in the store on both generations: v0.125 appends the
# Destination's name to spec.path itself (lib/writers/git.go), current uses spec.path as it is
# (internal/controller/workplacement_controller.go getDir), so there the name is part of the path.
destinations_manifest() {
  local d name env region path
  for d in "dev-1 dev eu" "dev-2 dev us" "prod-1 prod eu"; do
    read -r name env region <<<"$d"
    path=destinations; [ "$KRATIX_GENERATION" = current ] && path=destinations/$name
    cat <<YAML
---
apiVersion: platform.kratix.io/v1alpha1
kind: Destination
metadata:
  name: $name
  labels: {environment: $env, region: $region}
spec:
  path: $path
  stateStoreRef: {kind: GitStateStore, name: local}
YAML
  done
}

kubectl_admin() { "$BIN/kubectl" --kubeconfig="$STATE/admin.kubeconfig" "$@"; }

ready_condition() { # $1 kind, $2 name -> status of its Ready condition
  kubectl_admin get "$1" "$2" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null
}

state_store_ready() { [ "$(ready_condition gitstatestore "$1")" = True ]; }

destination_readiness_source() {
  if [ "$KRATIX_GENERATION" = current ]; then echo "status condition Ready=True"; else echo "canary file in the state store"; fi
}

# A Destination is ready when Kratix reports it: current Kratix sets the Ready condition once its
# canary write succeeded (internal/controller/destination_controller.go). v0.125.0 has no
# Destination status; there it is ready when its canary file is committed to the state store
# (controllers/destination_controller.go writes <path>/<name>/dependencies/kratix-canary-namespace.yaml).
destination_ready() {
  if [ "$KRATIX_GENERATION" = current ]; then
    [ "$(ready_condition destination "$1")" = True ]
    return
  fi
  # Not grep -q: it exits at the first match, git then dies of SIGPIPE once the listing outgrows
  # the pipe buffer, and under pipefail (status.sh) the Destination looks not ready.
  state_store_files | grep -E "(^|/)$1/dependencies/kratix-canary-namespace.yaml$" >/dev/null
}

# Kratix v0.125.0's git writer removes filepath.Dir(<its clone dir>) after every write, i.e. the
# whole $TMPDIR (lib/writers/git.go:124, `defer os.RemoveAll(filepath.Dir(localTmpDir))`), which
# would also delete the webhook serving certs and leave no TMPDIR for the next clone. In a pod
# /tmp is a mount point and survives; here an immutable entry inside TMPDIR (the cert directory)
# keeps TMPDIR itself from being removed. Without chattr (not root), a keeper loop re-creates it.
protect_kratix_tmpdir() {
  local certs=$STATE/tmp/k8s-webhook-server/serving-certs
  if chattr +i "$certs/tls.crt" "$certs/tls.key" "$certs" 2>/dev/null; then
    return 0
  fi
  log "chattr not permitted: using a keeper process to re-create $STATE/tmp (see lib.sh)"
  mkdir -p "$STATE/webhook-certs" && cp "$certs"/tls.* "$STATE/webhook-certs/"
  start_process tmpdir-keeper "" bash -c "while :; do [ -f '$certs/tls.crt' ] || { mkdir -p '$certs' && cp '$STATE/webhook-certs/'tls.* '$certs/'; }; sleep 0.1; done"
}

unprotect_kratix_tmpdir() {
  local certs=$STATE/tmp/k8s-webhook-server/serving-certs
  [ -d "$certs" ] && chattr -i "$certs" "$certs/tls.crt" "$certs/tls.key" 2>/dev/null
  return 0
}

# Whether `platform:up` starts a node for this instance: the main platform on current Kratix, as
# root, unless KRATIX_PLATFORM_NODE=0. v0.125's pipeline adapter is another program (shell scripts
# around yq and kubectl, kratix: work-creator/scripts/*) that is not built here: its workflows stay
# pending as before. Prints why not on stderr.
node_wanted() {
  [ "$INSTANCE" = main ] || return 1
  [ "${KRATIX_PLATFORM_NODE:-1}" != 0 ] || { log "no node: KRATIX_PLATFORM_NODE=0 (Kratix workflows stay pending)"; return 1; }
  [ "$KRATIX_GENERATION" = current ] || { log "no node for Kratix $KRATIX_GENERATION (only current's pipeline adapter is built; workflows stay pending)"; return 1; }
  [ "$(id -u)" = 0 ] || { log "no node: containerd and runc need root (Kratix workflows stay pending)"; return 1; }
  return 0
}

# Started by dev/node/start.sh beside the main platform: "node" in $STATE/node-enabled.
node_enabled() { [ -f "$STATE/node-enabled" ]; }
