#!/usr/bin/env bash
# Stops one process of a platform instance (etcd | apiserver | kratix) by its PID file, keeping
# the state, so `up.sh` can start it again: used by fault tests (apiserver outage mid-watch).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
source "$PLATFORM_DIR/lib.sh"
name=${1:?usage: stop-component.sh etcd|apiserver|kratix}
f=$STATE/run/$name.pid
[ -f "$f" ] || die "$name of instance $INSTANCE is not running"
pid=$(cat "$f")
kill "$pid" 2>/dev/null || true
for _ in $(seq 1 80); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
kill -9 "$pid" 2>/dev/null || true
rm -f "$f"
log "stopped $name of instance $INSTANCE"
