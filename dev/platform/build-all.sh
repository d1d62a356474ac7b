#!/usr/bin/env bash
# Builds everything the tests run on, into the machine-level cache: the platform with both Kratix
# generations' managers (build.sh --all-generations) and, as root, the node that runs Kratix
# workflows (dev/node/build.sh, dev/node/image.sh). Each part skips itself when its stamp is
# current. One build-all at a time per cache: a second caller waits and then finds it all built,
# so .ci/run and dev/test.sh can both start it in the background.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CACHE=${KRATIX_PLATFORM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kratix-backstage}
mkdir -p "$CACHE"
exec 7>"$CACHE/.build-all.lock"
flock 7
bash "$ROOT/dev/platform/build.sh" --all-generations
if [ "$(id -u)" = 0 ]; then
  KRATIX_PLATFORM_INSTANCE=main bash "$ROOT/dev/node/build.sh"
  KRATIX_PLATFORM_INSTANCE=main bash "$ROOT/dev/node/image.sh"
fi
