#!/usr/bin/env bash
# Builds and packs the published packages into dist-release/ (gitignored):
#   1. tsc at the root: the type declarations backstage-cli's build bundles (dist-types/)
#   2. backstage-cli package build, for each package
#   3. check-packages.mjs: each package's dist imports only its declared dependencies, its
#      declarations type-check with skipLibCheck false, LICENSE/README/metadata are there, and its
#      README links nothing outside the package
#   4. npm pack, in dependency order, printing each tarball's name and size
#
#   npm run release:pack            # into dist-release/
#   KRATIX_RELEASE_DIR=/tmp/x npm run release:pack
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
PATH="$(bash dev/tools/ensure-node.sh):$PATH"
# shellcheck source=packages.sh
source dev/release/packages.sh
OUT=${KRATIX_RELEASE_DIR:-$ROOT/dist-release}

log() { printf '[release] %s\n' "$*" >&2; }
started=$SECONDS

log "type declarations (tsc)"
npx tsc

for pkg in "${RELEASE_PACKAGES[@]}"; do
  log "build $pkg"
  (cd "$pkg" && npx backstage-cli package build)
done

log "check the built packages"
node dev/release/check-packages.mjs "${RELEASE_PACKAGES[@]}"

rm -rf "$OUT"
mkdir -p "$OUT"
for pkg in "${RELEASE_PACKAGES[@]}"; do
  log "pack $pkg"
  # prepack/postpack (backstage-cli) swap in publishConfig's main/types for the tarball.
  (cd "$pkg" && npm pack --pack-destination "$OUT" --loglevel=warn >/dev/null)
done

log "tarballs in $OUT ($((SECONDS - started)) s):"
for pkg in "${RELEASE_PACKAGES[@]}"; do
  name=$(node -p "const p=require('./$pkg/package.json'); p.name.replace('@','').replace('/','-') + '-' + p.version + '.tgz'")
  [[ -f $OUT/$name ]] || { log "missing $OUT/$name"; exit 1; }
  printf '%-70s %8s\n' "$name" "$(du -h "$OUT/$name" | cut -f1)"
done
