#!/usr/bin/env bash
# Builds the node's images offline as docker-archive tars in $CACHE/node-images (no registry, no
# Docker): a sandbox ("pause") image and a probe image (busybox-static + a static Go probe that
# lists namespaces through the apiserver) and a kubectl image (the platform's static kubectl, the
# in-cluster client-go path). `image.sh import` also imports them into the node's
# containerd (namespace k8s.io), which up.sh does.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
IMAGES=$CACHE/node-images
PAUSE_IMAGE=docker.io/local/pause:1
PROBE_IMAGE=docker.io/local/probe:1
KUBECTL_IMAGE=docker.io/local/kubectl:1
ADAPTER_IMAGE=docker.io/local/kratix-pipeline-adapter:1
WORKFLOW_IMAGE=docker.io/local/workflow:1
ADAPTER_BIN=$CACHE/node-adapter/pipeline-adapter

# make_image REF ROOTFS_DIR OUT_TAR [CMD_JSON] [USER]: one layer, reproducible (fixed mtime, owner 0).
make_image() {
  local ref=$1 rootfs=$2 out=$3 cmd=${4:-'["/bin/sh"]'} user=${5:-} w diff cfg
  w=$(mktemp -d)
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$rootfs" -cf "$w/layer.tar" .
  diff=$(sha256sum "$w/layer.tar" | cut -d' ' -f1)
  printf '{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z","config":{"User":"%s","Env":["PATH=/bin:/usr/bin","HOME=/tmp"],"Cmd":%s,"WorkingDir":"/"},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' \
    "$user" "$cmd" "$diff" > "$w/config.json"
  cfg=$(sha256sum "$w/config.json" | cut -d' ' -f1)
  mv "$w/config.json" "$w/$cfg.json"
  printf '[{"Config":"%s.json","RepoTags":["%s"],"Layers":["layer.tar"]}]' "$cfg" "$ref" > "$w/manifest.json"
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$w" -cf "$out.new" manifest.json "$cfg.json" layer.tar
  mv "$out.new" "$out"
  rm -rf "$w"
}

build_images() {
  local src=$NODE_DIR/cmd stamp r
  ensure_packages # busybox-static goes into the images (a fresh machine has none of the node's packages)
  [ -x "$BIN/kubectl" ] || die "no $BIN/kubectl: build the platform first (dev/platform/build.sh)"
  [ -x "$ADAPTER_BIN" ] || die "no $ADAPTER_BIN: run dev/node/build.sh"
  stamp="images=3 kubectl=$(cat "$BIN/.stamp" | tr ' ' ,) adapter=$(cat "$CACHE/node-adapter/.stamp" | tr ' ' ,) go=$(go version | cut -d' ' -f3) busybox=$(dpkg-query -W -f '${Version}' busybox-static) src=$(cat "$src"/*/*.go "$0" | sha256sum | cut -c1-16)"
  [ "$(cat "$IMAGES/.stamp" 2>/dev/null)" = "$stamp" ] && return 0
  go_env
  rm -rf "$IMAGES.new" && mkdir -p "$IMAGES.new"
  r=$(mktemp -d)
  mkdir -p "$r/pause" "$r/probe/bin" "$r/probe/etc" "$r/probe/tmp"
  (cd "$src" && go build -trimpath -ldflags "-s -w" -o "$r/pause/pause" ./pause && go build -trimpath -ldflags "-s -w" -o "$r/probe/bin/probe" ./probe)
  cp /bin/busybox "$r/probe/bin/busybox"
  for a in $("$r/probe/bin/busybox" --list); do [ -e "$r/probe/bin/$a" ] || ln -s busybox "$r/probe/bin/$a"; done
  echo 'root:x:0:0:root:/:/bin/sh' > "$r/probe/etc/passwd"
  echo 'root:x:0:' > "$r/probe/etc/group"
  chmod 1777 "$r/probe/tmp"
  make_image "$PAUSE_IMAGE" "$r/pause" "$IMAGES.new/pause.tar" '["/pause"]'
  make_image "$PROBE_IMAGE" "$r/probe" "$IMAGES.new/probe.tar"
  cp "$BIN/kubectl" "$r/probe/bin/kubectl"
  rm "$r/probe/bin/probe"
  make_image "$KUBECTL_IMAGE" "$r/probe" "$IMAGES.new/kubectl.tar"
  # Kratix's pipeline containers run with runAsNonRoot: these images name a numeric non-root user.
  rm "$r/probe/bin/kubectl"
  echo 'kratix:x:65532:65532:kratix:/tmp:/bin/sh' >> "$r/probe/etc/passwd"
  echo 'kratix:x:65532:' >> "$r/probe/etc/group"
  make_image "$WORKFLOW_IMAGE" "$r/probe" "$IMAGES.new/workflow.tar" '["/bin/sh"]' 65532:65532
  mkdir -p "$r/probe/usr/bin" && ln -s ../../bin/busybox "$r/probe/usr/bin/env"
  cp "$ADAPTER_BIN" "$r/probe/bin/pipeline-adapter"
  make_image "$ADAPTER_IMAGE" "$r/probe" "$IMAGES.new/kratix-pipeline-adapter.tar" '["/bin/pipeline-adapter"]' 65532:65532
  rm -rf "$r"
  echo "$stamp" > "$IMAGES.new/.stamp"
  rm -rf "$IMAGES" && mv "$IMAGES.new" "$IMAGES"
  log "images built: $(ls "$IMAGES" | tr '\n' ' ')"
}

import_images() {
  local t
  for t in "$IMAGES"/*.tar; do CTR images import --no-unpack=false "$t" >/dev/null; done
  log "imported into containerd (k8s.io): $(CTR images ls -q | grep '^docker.io/local/' | tr '\n' ' ')"
}

build_images
[ "${1:-}" = import ] && import_images
exit 0
