#!/usr/bin/env bash
# `npm run bench`: starts a fresh bench control plane (KRATIX_PLATFORM_INSTANCE=bench: etcd +
# kube-apiserver + Kratix CRDs, no Kratix manager; ports 21079/21080/21443), seeds it, measures
# every figure against its baseline and writes bench/results/latest.{md,json}; then removes the
# bench control plane (keep it with BENCH_KEEP_PLATFORM=1). Never touches the main platform.
# Settings: bench/README.md.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export PATH="$(bash dev/tools/ensure-node.sh):$PATH"
bash dev/tools/install.sh
bash dev/tools/ensure-chromium.sh || echo "[bench] no Chromium: the browser figure will be 'not measured'" >&2

export KRATIX_PLATFORM_INSTANCE=bench
# The seeded objects are shaped like Kratix v0.125's (bench/src/seed/shapes.ts: legacy label, plain
# content), so the bench control plane serves that generation's CRDs unless told otherwise.
export KRATIX_GENERATION=${KRATIX_GENERATION:-v0.125}
source dev/platform/env.sh
T0=$(date +%s)
# A fresh control plane every run: the figures must not depend on a previous run's leftovers.
# (BENCH_REUSE=1, for working on the bench itself: keep and reuse a seeded one.)
[ "${BENCH_REUSE:-0}" = 1 ] || bash dev/platform/down.sh >/dev/null 2>&1 || true
KUBECONFIG_PATH=$(bash dev/platform/up.sh | sed -n 's/^KUBECONFIG=//p')
[ -n "$KUBECONFIG_PATH" ] || die "the bench control plane did not start"
if [ "${BENCH_KEEP_PLATFORM:-0}" != 1 ] && [ "${BENCH_REUSE:-0}" != 1 ]; then
  trap 'bash "$ROOT/dev/platform/down.sh" >/dev/null 2>&1 || true' EXIT
fi

export BENCH_KUBECONFIG=$KUBECONFIG_PATH BENCH_KUBECTL=$BIN/kubectl BENCH_ETCD_URL=http://127.0.0.1:$ETCD_CLIENT_PORT BENCH_KRATIX_VERSION="$KRATIX_VERSION (CRDs from $KRATIX_MODULE@$KRATIX_VERSION)"
export BENCH_PLATFORM_STATE=$STATE
export BENCH_PLATFORM_SECONDS=$(( $(date +%s) - T0 ))
node --require @backstage/cli/config/nodeTransform.cjs bench/src/main.ts
