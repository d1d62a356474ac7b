#!/usr/bin/env bash
# Stops the spike's node instance: the node pieces (stop.sh), then the control plane (dev/platform/down.sh).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
bash "$NODE_DIR/stop.sh"
bash "$PLATFORM_DIR/down.sh" "$@"
