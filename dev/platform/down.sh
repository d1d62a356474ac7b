#!/usr/bin/env bash
# Stops only the processes `up.sh` started (by PID file), in reverse order, and removes the
# per-run state (etcd data, state store, logs). Never touches the build cache.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
source "$PLATFORM_DIR/lib.sh"

# The node first (dev/node/stop.sh): its pods, containerd, shims, mounts, bridge, iptables rules.
[ -d "$STATE/node" ] && KRATIX_PLATFORM_INSTANCE=$INSTANCE bash "$REPO_ROOT/dev/node/stop.sh"
for name in git-watchdog kratix tmpdir-keeper apiserver etcd; do
  f=$STATE/run/$name.pid
  [ -f "$f" ] || continue
  pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping $name (pid $pid)"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$f"
done
if [ "${1:-}" != "--keep-state" ]; then
  unprotect_kratix_tmpdir
  rm -rf "$STATE"
  log "removed $STATE"
fi
