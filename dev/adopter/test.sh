#!/usr/bin/env bash
# Adopter test: our packed packages in a Backstage app we did not write.
#
#   npm run test:adopter              # packs first (npm run release:pack)
#   KRATIX_ADOPTER_SKIP_PACK=1 npm run test:adopter   # reuse dist-release/
#
# 1. a fresh app from the current @backstage/create-app on the npm registry (--skip-install)
# 2. our tarballs installed as the READMEs' `yarn --cwd packages/<x> add <package>` does (the
#    dependency added at ^version, every @kratix-backstage package resolved to its tarball),
#    the backend wired with the READMEs' `backend.add(...)` lines; the frontend plugin is not
#    wired at all (feature discovery, `app.packages: all`)
# 3. yarn install (yarn 4 from the npm registry, native modules built from source)
# 4. the app's own full type check: `yarn tsc:full` (tsc --skipLibCheck false)
# 5. the backend started against the local Kratix platform (KUBECONFIG from
#    dev/platform/status.sh, while holding /tmp/kratix-main-platform.lock); /api/kratix answers
#    as a guest user, and the example template the scaffolder module ships is in the catalog
# 6. the frontend builds, and its bundle holds the discovered Kratix plugin
#
# The app lives in .adopter/ (gitignored, or KRATIX_ADOPTER_DIR). Needs the npm registry, g++,
# make, python3; the platform must be up (npm run platform:up) or step 5 fails.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
NODE_BIN=$(bash dev/tools/ensure-node.sh)
PATH="$NODE_BIN:$PATH"
WORK=${KRATIX_ADOPTER_DIR:-$ROOT/.adopter}
APP=$WORK/app
RELEASE=${KRATIX_RELEASE_DIR:-$ROOT/dist-release}
PORT=${KRATIX_ADOPTER_PORT:-17007}
LOCK=/tmp/kratix-main-platform.lock
YARN_VERSION=4.13.0 # as create-app's packageManager; only needed on PATH for its prerequisite check
CACHE=${KRATIX_PLATFORM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kratix-backstage}

started=$SECONDS
step_started=$SECONDS
log() { printf '[adopter %4ss] %s\n' "$((SECONDS - started))" "$*" >&2; }
step() {
  log "done in $((SECONDS - step_started)) s"
  step_started=$SECONDS
  log "== $*"
}
die() { log "FAILED: $*"; exit 1; }

# --- tools: yarn 4 from the npm registry (create-app refuses to run without a yarn on PATH)
YARN_DIR=$CACHE/yarn/$YARN_VERSION
if [[ ! -x $YARN_DIR/bin/yarn ]]; then
  log "installing @yarnpkg/cli-dist@$YARN_VERSION into $YARN_DIR"
  mkdir -p "$YARN_DIR/bin"
  npm install --prefix "$YARN_DIR" --no-save --no-package-lock --ignore-scripts --loglevel=error \
    "@yarnpkg/cli-dist@$YARN_VERSION" >&2
  printf '#!/bin/sh\nexec node "%s" "$@"\n' "$YARN_DIR/node_modules/@yarnpkg/cli-dist/bin/yarn.js" \
    >"$YARN_DIR/bin/yarn"
  chmod +x "$YARN_DIR/bin/yarn"
fi
PATH="$YARN_DIR/bin:$PATH"
# node-gyp builds native modules (better-sqlite3, isolated-vm) with this node's headers.
export npm_config_nodedir=$(dirname "$NODE_BIN")
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 YARN_ENABLE_TELEMETRY=0 BACKSTAGE_CLI_TELEMETRY=0

step "tarballs"
[[ ${KRATIX_ADOPTER_SKIP_PACK:-} == 1 ]] || npm run -s release:pack
source dev/release/packages.sh
declare -A TGZ
for pkg in "${RELEASE_PACKAGES[@]}"; do
  name=$(node -p "require('./$pkg/package.json').name")
  file=$RELEASE/$(node -p "const p=require('./$pkg/package.json'); p.name.replace('@','').replace('/','-') + '-' + p.version + '.tgz'")
  [[ -f $file ]] || die "no $file (run npm run release:pack)"
  TGZ[$name]=$file
  log "$name: $(basename "$file") ($(du -h "$file" | cut -f1))"
done

step "create-app (npx @backstage/create-app@latest --skip-install)"
rm -rf "$APP"
mkdir -p "$WORK"
(cd "$WORK" && BACKSTAGE_APP_NAME=adopter-app npx -y @backstage/create-app@latest --skip-install \
  --path "$APP" </dev/null >"$WORK/create-app.log" 2>&1) || { tail -20 "$WORK/create-app.log"; die "create-app"; }
RELEASE_VERSION=$(node -p "require('$APP/backstage.json').version")
CREATE_APP_VERSION=$(npm view @backstage/create-app@latest version)
log "create-app $CREATE_APP_VERSION: Backstage release $RELEASE_VERSION"

step "install our packages with the READMEs' commands"
# Our packages depend on each other by version range, and they are not on the registry:
# resolutions point every @kratix-backstage package at its tarball.
node -e '
  const fs = require("fs"); const file = process.argv[1]; const tgz = JSON.parse(process.argv[2]);
  const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
  pkg.resolutions = { ...pkg.resolutions };
  for (const [name, path] of Object.entries(tgz)) pkg.resolutions[name] = `file:${path}`;
  fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n");
' "$APP/package.json" "$(for n in "${!TGZ[@]}"; do printf '%s\t%s\n' "$n" "${TGZ[$n]}"; done |
  node -e 'const o={};for(const l of require("fs").readFileSync(0,"utf8").trim().split("\n")){const [n,p]=l.split("\t");o[n]=p}console.log(JSON.stringify(o))')"
# The READMEs say `yarn --cwd packages/<ws> add <package>`: that puts `"<package>": "^<version>"`
# into the workspace's package.json and installs. Our packages are not on the registry, and
# yarn 4.13's `add` of a name the registry does not answer for crashes ("The `onCancel` handler
# was attached after the promise settled"), so the same edit is made here and `yarn install` runs.
add() { local ws=$1; shift
  log "as: yarn --cwd packages/$ws add $*"
  node -e '
    const fs = require("fs"); const [file, ...names] = process.argv.slice(1);
    const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
    for (const n of names) pkg.dependencies[n] = "^" + process.env["V_" + n.replace(/\W/g, "_")];
    fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n");
  ' "$APP/packages/$ws/package.json" "$@"
}
for pkg in "${RELEASE_PACKAGES[@]}"; do
  name=$(node -p "require('./$pkg/package.json').name")
  export "V_${name//[^a-zA-Z0-9]/_}=$(node -p "require('./$pkg/package.json').version")"
done
add backend @kratix-backstage/plugin-kratix-backend @kratix-backstage/plugin-catalog-backend-module-kratix \
  @kratix-backstage/plugin-scaffolder-backend-module-kratix
add app @kratix-backstage/plugin-kratix
# The READMEs' backend.add lines, before backend.start().
node -e '
  const fs = require("fs"); const file = process.argv[1];
  let src = fs.readFileSync(file, "utf8");
  const lines = [
    "backend.add(import(\"@kratix-backstage/plugin-kratix-backend\"));",
    "backend.add(import(\"@kratix-backstage/plugin-catalog-backend-module-kratix\"));",
    "backend.add(import(\"@kratix-backstage/plugin-scaffolder-backend-module-kratix\"));",
  ].join("\n");
  if (!src.includes("backend.start();")) throw new Error("no backend.start() in " + file);
  fs.writeFileSync(file, src.replace("backend.start();", lines + "\n\nbackend.start();"));
' "$APP/packages/backend/src/index.ts"
log "yarn install"
(cd "$APP" && yarn install >"$WORK/install.log" 2>&1) || { grep -E 'YN0009|Error' "$WORK/install.log" | tail -30; die "yarn install"; }
log "installed in $(( $(date +%s) - $(cat "$WORK/install.start") )) s (log: $WORK/install.log)"
for dup in @backstage/frontend-plugin-api @backstage/plugin-catalog-react @backstage/core-compat-api @backstage/backend-plugin-api; do
  versions=$(cd "$APP" && find node_modules packages/*/node_modules -path "*/node_modules/$dup/package.json" 2>/dev/null |
    xargs -r -n1 node -p 'require(process.argv[1]).version' 2>/dev/null | sort -u | tr '\n' ' ' || true)
  log "copies of $dup in the app: ${versions:-none}"
done

step "full type check (yarn tsc:full, skipLibCheck false)"
(cd "$APP" && yarn tsc:full >"$WORK/tsc.log" 2>&1) || { head -60 "$WORK/tsc.log"; die "tsc:full"; }

step "backend against the local Kratix platform"
exec 9>"$LOCK"
flock -w 900 9 || die "could not take $LOCK in 15 minutes"
KUBECONFIG_LINE=$(bash dev/platform/status.sh) || die "the local platform is not ready (npm run platform:up)"
export KUBECONFIG=${KUBECONFIG_LINE#KUBECONFIG=}
TEMPLATE=../../node_modules/@kratix-backstage/plugin-scaffolder-backend-module-kratix/templates/kratix-promise-change/template.yaml
cat >"$WORK/app-config.adopter.yaml" <<YAML
backend:
  baseUrl: http://localhost:$PORT
  listen: { port: $PORT }
kratix:
  platforms:
    - name: local
      kubeconfig: { path: $KUBECONFIG }
catalog:
  locations:
    # as the scaffolder module's README says
    - type: file
      target: $TEMPLATE
      rules:
        - allow: [Template]
YAML
(cd "$APP/packages/backend" && exec setsid yarn start --config ../../app-config.yaml \
  --config "$WORK/app-config.adopter.yaml" >"$WORK/backend.log" 2>&1) &
BACKEND=$!
stop_backend() { kill -- -"$BACKEND" 2>/dev/null || true; wait "$BACKEND" 2>/dev/null || true; }
trap stop_backend EXIT
api() { curl -sf -H "Authorization: Bearer $TOKEN" "http://localhost:$PORT$1"; }
TOKEN=
for _ in $(seq 1 180); do
  kill -0 "$BACKEND" 2>/dev/null || { tail -40 "$WORK/backend.log"; die "the backend exited"; }
  TOKEN=$(curl -sf -X POST -H 'X-Requested-With: XMLHttpRequest' "http://localhost:$PORT/api/auth/guest/refresh" 2>/dev/null |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{console.log(JSON.parse(s).backstageIdentity.token)}catch{}})' || true)
  [[ -n $TOKEN ]] && break
  sleep 2
done
[[ -n $TOKEN ]] || { tail -40 "$WORK/backend.log"; die "no guest token from the backend in 6 minutes"; }
log "backend up, signed in as guest"
platforms=
for _ in $(seq 1 60); do
  platforms=$(api /api/kratix/platforms || true)
  [[ $platforms == *'"synced":true'* ]] && break
  sleep 2
done
[[ $platforms == *'"synced":true'* ]] || { echo "$platforms"; tail -40 "$WORK/backend.log"; die "GET /api/kratix/platforms: no synced platform"; }
log "GET /api/kratix/platforms: $(echo "$platforms" | head -c 300)"
promises=$(api /api/kratix/platforms/local/promises) || die "GET /api/kratix/platforms/local/promises"
log "GET /api/kratix/platforms/local/promises: $(echo "$promises" | node -e 'const r=JSON.parse(require("fs").readFileSync(0));const l=Array.isArray(r)?r:(r.items??r.promises??[]);console.log(l.length+" Promises: "+l.map(p=>p.name).join(", "))')"
for _ in $(seq 1 60); do
  api /api/catalog/entities/by-name/template/default/kratix-promise-change >/dev/null && break
  sleep 2
done
api /api/catalog/entities/by-name/template/default/kratix-promise-change >/dev/null ||
  die "the example template (from the scaffolder module's package) is not in the catalog"
log "catalog: template:default/kratix-promise-change (shipped in the scaffolder module) is there"
stop_backend
trap - EXIT
flock -u 9

step "frontend build (yarn workspace app build)"
(cd "$APP" && yarn workspace app build >"$WORK/app-build.log" 2>&1) || { tail -40 "$WORK/app-build.log"; die "app build"; }
grep -lq "page:kratix\|plugin-kratix" "$APP"/packages/app/dist/static/*.js ||
  die "the built app does not contain the Kratix plugin (feature discovery)"
log "the app bundle contains the Kratix plugin (discovered from packages/app/package.json)"

step "summary"
log "PASSED in $((SECONDS - started)) s: create-app $CREATE_APP_VERSION (Backstage $RELEASE_VERSION template), Node $(node -v)"
