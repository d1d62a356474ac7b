#!/usr/bin/env bash
# Adopter test: our packed packages in a Backstage app we did not write.
#
#   npm run test:adopter              # packs first (npm run release:pack)
#   KRATIX_ADOPTER_SKIP_PACK=1 npm run test:adopter   # reuse dist-release/
#   KRATIX_ADOPTER_REUSE_APP=1 ...    # keep the app installed by the last run (local re-runs only;
#                                     # it skips steps 1-3, so an app from an older script stays as it was)
#   KRATIX_ADOPTER_PLATFORM_OWNED=1 ... # the caller holds the platform (dev/test.sh): no lock taken here
#   KRATIX_ADOPTER_PHASE=build ...    # steps 1-5 only; they need no platform (dev/test.sh runs them
#                                     # while the v0.125 tests run)
#   KRATIX_ADOPTER_PHASE=run ...      # steps 6-7 only, on the app the build phase left
#
# 1. a fresh app from the current @backstage/create-app on the npm registry (--skip-install)
# 2. our tarballs installed as the READMEs' `yarn --cwd packages/<x> add <package>` does (the
#    dependency added at ^version, every @kratix-backstage package resolved to its tarball),
#    the backend wired with the READMEs' `backend.add(...)` lines; the frontend plugin is not
#    wired at all (feature discovery, `app.packages: all`)
#    and better-sqlite3 raised to 13 (the backend README's step for Node 24.19 and newer)
# 3. the app bumped to the newest Backstage packages (the READMEs' `versions:bump`, done with
#    `yarn up '@backstage/*'`), installed with yarn 4 from the npm registry, native modules built
#    from source; yarn's package cache is kept in the machine-level cache directory
# 4. the app's own full type check: `yarn tsc:full` (tsc --skipLibCheck false)
# 5. the frontend builds, and its bundle holds the discovered Kratix plugin
# 6. the backend started against the local Kratix platform (KUBECONFIG from
#    dev/platform/status.sh); /api/kratix answers as a guest user, and the example template the
#    scaffolder module ships is in the catalog. Run on its own, the script takes
#    /tmp/kratix-main-platform.lock for this step and starts (and afterwards stops) the platform
#    if it is not up; with KRATIX_ADOPTER_PLATFORM_OWNED=1 (dev/test.sh, which started the
#    platform and owns it for the whole test run) it takes no lock and needs the platform up.
# 7. a real browser (Debian chromium) opens the app the backend serves, signs in as guest and
#    sees the Kratix tabs on the demo Promise's page, the targeting tab listing the Destinations
#    (dev/adopter/browser.mjs; screenshot test-results/adopter-promise-page.png)
# The time printed at the end leaves out the wait for the platform lock.
#
# The app lives in .adopter/ (gitignored, or KRATIX_ADOPTER_DIR). Needs the npm registry, g++,
# make, python3.
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

PHASE=${KRATIX_ADOPTER_PHASE:-all}
case $PHASE in all | build | run) ;; *) echo "KRATIX_ADOPTER_PHASE must be all, build or run (got $PHASE)" >&2; exit 2 ;; esac
REUSE=${KRATIX_ADOPTER_REUSE_APP:-}
if [[ $PHASE == run ]]; then
  [[ -d $APP/packages/app/dist ]] || { echo "no built app in $APP: run KRATIX_ADOPTER_PHASE=build first" >&2; exit 1; }
else
  [[ $REUSE == 1 && -d $APP/node_modules ]] || { REUSE=; rm -rf "$APP"; }
fi
started=$SECONDS
step_started=$SECONDS
step_name="tools"
step_times=()
lock_wait=0
log() { printf '[adopter %4ss] %s\n' "$((SECONDS - started))" "$*" >&2; }
step() {
  log "done in $((SECONDS - step_started)) s"
  step_times+=("$step_name: $((SECONDS - step_started)) s")
  step_started=$SECONDS
  step_name=$*
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
# yarn 4 keeps downloaded packages in its global folder (default ~/.yarn/berry); here it is the
# machine-level cache the platform build uses too, so a CI machine that keeps that directory
# installs the app without downloading its ~2800 packages again.
export YARN_GLOBAL_FOLDER=${YARN_GLOBAL_FOLDER:-$CACHE/yarn/berry}

if [[ $PHASE != run ]]; then
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

CREATE_APP_VERSION=$(npm view @backstage/create-app@latest version)
if [[ -z $REUSE ]]; then
step "create-app (npx @backstage/create-app@latest --skip-install)"
mkdir -p "$WORK"
(cd "$WORK" && BACKSTAGE_APP_NAME=adopter-app npx -y @backstage/create-app@latest --skip-install \
  --path "$APP" </dev/null >"$WORK/create-app.log" 2>&1) || { tail -20 "$WORK/create-app.log"; die "create-app"; }
log "create-app $CREATE_APP_VERSION: Backstage release $(node -p "require('$APP/backstage.json').version")"

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
# The backend README: create-app's template pins better-sqlite3 ^12, whose native module aborts
# the backend on Node 24.19 and newer (`Assertion failed: (env) != nullptr` in
# node::RemoveEnvironmentCleanupHook, from Statement::~Statement during garbage collection);
# better-sqlite3 13 is built on Node-API and does not. The README's command is
# `yarn --cwd packages/backend add better-sqlite3@^13.2.0`; the same edit, installed below.
log "as: yarn --cwd packages/backend add better-sqlite3@^13.2.0"
node -e '
  const fs = require("fs"); const file = process.argv[1];
  const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
  if (!pkg.dependencies["better-sqlite3"]) throw new Error("create-app no longer adds better-sqlite3 to " + file);
  pkg.dependencies["better-sqlite3"] = "^13.2.0";
  fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n");
' "$APP/packages/backend/package.json"
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
# The READMEs ask for Backstage 1.57 or newer and say to run `yarn backstage-cli versions:bump` on
# an older app. create-app 0.9.2 writes a 1.55 app, and without its yarn.lock seed (fetched from
# GitHub, unreachable here) that app does not even start on its own (plugin-signals-backend 0.3.21
# needs backend-defaults >= 0.19: "httpRouter.addWebSocketHandler is not a function").
# versions:bump reads its manifest from versions.backstage.io (unreachable here too), so this
# does what it does with the npm registry's latest versions: `yarn up '@backstage/*'` (installs).
log "yarn up '@backstage/*' (as backstage-cli versions:bump), which installs"
(cd "$APP" && yarn up '@backstage/*' >"$WORK/install.log" 2>&1) || { grep -E 'YN0009|Error' "$WORK/install.log" | tail -30; die "yarn up"; }
log "better-sqlite3 in the app: $(node -p "require('$APP/node_modules/better-sqlite3/package.json').version")"
log "Backstage packages now: backend-defaults $(node -p "require('$APP/node_modules/@backstage/backend-defaults/package.json').version"), frontend-defaults $(node -p "require('$APP/node_modules/@backstage/frontend-defaults/package.json').version")"
fi
for dup in @backstage/frontend-plugin-api @backstage/plugin-catalog-react @backstage/core-compat-api @backstage/backend-plugin-api; do
  versions=$(cd "$APP" && find . -path "*/node_modules/$dup/package.json" 2>/dev/null |
    while read -r f; do node -p "require('$APP/' + process.argv[1]).version" "$f"; done | sort -V | uniq -c |
    awk '{printf "%s%s (%d)", (NR > 1 ? ", " : ""), $2, $1}')
  log "$dup in the app: ${versions:-none} (version (installed copies))"
done

step "full type check (yarn tsc:full, skipLibCheck false)"
(cd "$APP" && yarn tsc:full >"$WORK/tsc.log" 2>&1) || { head -60 "$WORK/tsc.log"; die "tsc:full"; }

step "frontend build (yarn workspace app build)"
(cd "$APP" && yarn workspace app build >"$WORK/app-build.log" 2>&1) || { tail -40 "$WORK/app-build.log"; die "app build"; }
# app.packages: all makes the build list the discovered frontend packages in this module.
grep -q "require('@kratix-backstage/plugin-kratix/alpha').default" \
  "$APP/packages/app/node_modules/__backstage-autodetected-plugins__.js" ||
  die "feature discovery did not pick up @kratix-backstage/plugin-kratix/alpha"
grep -lq "Kratix targeting" "$APP"/packages/app/dist/static/*.js ||
  die "the built app does not contain the Kratix plugin's entity tab"
log "feature discovery picked up @kratix-backstage/plugin-kratix/alpha; its tabs are in the bundle"
fi
RELEASE_VERSION=$(node -p "require('$APP/backstage.json').version")
summary() {
  step "summary"
  for t in "${step_times[@]}"; do log "  $t"; done
  log "PASSED ($PHASE) in $((SECONDS - started - lock_wait)) s (+ $lock_wait s waiting for the platform lock): ${CREATE_APP_VERSION:+create-app $CREATE_APP_VERSION, }Backstage $RELEASE_VERSION template, Node $(node -v)"
}
if [[ $PHASE == build ]]; then summary; exit 0; fi

step "backend against the local Kratix platform"
platform_started=
BACKEND=
stop_backend() {
  if [[ -n $BACKEND ]]; then kill -- -"$BACKEND" 2>/dev/null || true; wait "$BACKEND" 2>/dev/null || true; fi
  BACKEND=
  if [[ -n $platform_started ]]; then bash dev/platform/down.sh >/dev/null || true; platform_started=; fi
}
trap stop_backend EXIT
if [[ ${KRATIX_ADOPTER_PLATFORM_OWNED:-} == 1 ]]; then
  log "the caller owns the local platform (KRATIX_ADOPTER_PLATFORM_OWNED=1): no lock taken"
  KUBECONFIG_LINE=$(bash dev/platform/status.sh) || die "the local platform is not ready"
else
  exec 9>"$LOCK"
  lock_started=$SECONDS
  flock -w 3600 9 || die "could not take $LOCK in an hour"
  lock_wait=$((SECONDS - lock_started))
  log "took $LOCK after $lock_wait s"
  if ! KUBECONFIG_LINE=$(bash dev/platform/status.sh 2>/dev/null); then
    log "starting the local platform (current Kratix manager), stopped again at the end"
    platform_started=1
    # 9>&-: the platform's processes must not keep the lock's file open.
    KRATIX_GENERATION=current bash dev/platform/up.sh >/dev/null 9>&-
    bash dev/platform/seed.sh 9>&-
    KUBECONFIG_LINE=$(bash dev/platform/status.sh) || die "the local platform did not become ready"
  fi
fi
export KUBECONFIG=${KUBECONFIG_LINE#KUBECONFIG=}
TEMPLATE=../../node_modules/@kratix-backstage/plugin-scaffolder-backend-module-kratix/templates/kratix-promise-change/template.yaml
cat >"$WORK/app-config.adopter.yaml" <<YAML
app:
  # The backend serves the built frontend (create-app's app-backend plugin): one origin.
  baseUrl: http://localhost:$PORT
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
  --config "$WORK/app-config.adopter.yaml" >"$WORK/backend.log" 2>&1 9>&-) &
BACKEND=$!
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
# The backend may indent its JSON (it does in development mode): read it, not its text.
synced() { node -e 'const r=JSON.parse(process.argv[1]||"{}");process.exit((r.items??[]).some(p=>p.name==="local"&&p.synced)?0:1)' "$1" 2>/dev/null; }
platforms=
for _ in $(seq 1 60); do
  platforms=$(api /api/kratix/platforms || true)
  synced "$platforms" && break
  sleep 2
done
synced "$platforms" || { echo "$platforms"; tail -40 "$WORK/backend.log"; die "GET /api/kratix/platforms: no synced platform"; }
log "GET /api/kratix/platforms: $(node -e 'console.log(JSON.stringify(JSON.parse(process.argv[1])))' "$platforms" | head -c 300)"
promises=$(api /api/kratix/platforms/local/promises) || die "GET /api/kratix/platforms/local/promises"
log "GET /api/kratix/platforms/local/promises: $(echo "$promises" | node -e 'const r=JSON.parse(require("fs").readFileSync(0));const l=Array.isArray(r)?r:(r.items??r.promises??[]);console.log(l.length+" Promises: "+l.map(p=>p.name).join(", "))')"
for _ in $(seq 1 60); do
  api /api/catalog/entities/by-name/template/default/kratix-promise-change >/dev/null && break
  sleep 2
done
api /api/catalog/entities/by-name/template/default/kratix-promise-change >/dev/null ||
  die "the example template (from the scaffolder module's package) is not in the catalog"
log "catalog: template:default/kratix-promise-change (shipped in the scaffolder module) is there"

step "browser: the Kratix tabs on the demo Promise"
mkdir -p "$ROOT/test-results"
node dev/adopter/browser.mjs "http://localhost:$PORT" /catalog/default/component/team-namespace \
  "$ROOT/test-results/adopter-promise-page.png" || { tail -20 "$WORK/backend.log"; die "the browser did not show the Kratix tabs"; }
# The backend must have stayed up the whole time (create-app's better-sqlite3 12 aborted it).
kill -0 "$BACKEND" 2>/dev/null || { tail -40 "$WORK/backend.log"; die "the backend exited during the checks"; }
stop_backend
trap - EXIT
[[ ${KRATIX_ADOPTER_PLATFORM_OWNED:-} == 1 ]] || flock -u 9

summary
