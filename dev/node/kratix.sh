#!/usr/bin/env bash
# Spike, part 3: the real Kratix manager (current generation, the platform's binary) against the
# node instance, so Kratix itself creates the workflow Jobs and the node runs them. Kratix's
# webhook port 9443 is hard-wired and the main platform already uses it, so this manager runs in a
# network namespace of its own, attached to the node's bridge; it reaches the apiserver like a pod
# (10.0.0.1:443). Needs dev/node/up.sh first. Applies Promise `spike` (a Promise configure and a
# resource configure workflow) and a request, and waits for Kratix's Jobs and Works.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
kratix_generation_pins current
MANAGER=$(kratix_bin_dir current)/kratix-manager
[ -x "$MANAGER" ] || die "no Kratix manager at $MANAGER: run dev/platform/build.sh"
export KUBECONFIG=$STATE/admin.kubeconfig
K="$BIN/kubectl --kubeconfig=$KUBECONFIG"
NS=kratixmgr
if ! ip netns exec "$NS" true 2>/dev/null; then
  ip netns add "$NS"
  ip link add kxm-host type veth peer name kxm-ns
  ip link set kxm-host master "$NODE_BRIDGE" up
  ip link set kxm-ns netns "$NS"
  ip -n "$NS" addr add 10.88.255.250/16 dev kxm-ns
  ip -n "$NS" link set kxm-ns up
  ip -n "$NS" link set lo up
  ip -n "$NS" route add default via "$BRIDGE_IP"
fi
sed "s#server: https://127.0.0.1:$APISERVER_PORT#server: https://$KUBERNETES_SERVICE_IP:443#" "$KUBECONFIG" > "$NODE_STATE/manager.kubeconfig"
mkdir -p "$STATE/tmp"
write_git_config
T0=$(date +%s)
TMPDIR=$STATE/tmp GIT_CONFIG_GLOBAL=$STATE/gitconfig HOME=$STATE/tmp \
  PIPELINE_ADAPTER_IMG=docker.io/local/kratix-pipeline-adapter:1 \
  node_start kratix-manager "" ip netns exec "$NS" "$MANAGER" --kubeconfig="$NODE_STATE/manager.kubeconfig" \
  --metrics-bind-address=0 --pprof-bind-address=0 --health-probe-bind-address="127.0.0.1:$KRATIX_HEALTH_PORT"
STATE_SAVE=$STATE; STATE=$NODE_STATE
wait_for "Kratix manager /readyz (netns $NS)" 90 ip netns exec "$NS" curl -sf "http://127.0.0.1:$KRATIX_HEALTH_PORT/readyz"
STATE=$STATE_SAVE
log "Kratix manager ready in $(( $(date +%s) - T0 ))s"

$K apply -f - >/dev/null <<'YAML'
apiVersion: platform.kratix.io/v1alpha1
kind: Promise
metadata:
  name: spike
spec:
  api:
    apiVersion: apiextensions.k8s.io/v1
    kind: CustomResourceDefinition
    metadata: {name: spikes.spike.kratix.io}
    spec:
      group: spike.kratix.io
      scope: Namespaced
      names: {plural: spikes, singular: spike, kind: Spike}
      versions:
      - name: v1alpha1
        served: true
        storage: true
        schema:
          openAPIV3Schema:
            type: object
            properties:
              spec:
                type: object
                properties:
                  team: {type: string}
  workflows:
    promise:
      configure:
      - apiVersion: platform.kratix.io/v1alpha1
        kind: Pipeline
        metadata: {name: promise-configure}
        spec:
          containers:
          - name: dependencies
            image: docker.io/local/workflow:1
            command: [sh, -c]
            args:
            - |
              echo "promise workflow: writing the shared namespace"
              printf 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: spike-system\n' > /kratix/output/namespace.yaml
    resource:
      configure:
      - apiVersion: platform.kratix.io/v1alpha1
        kind: Pipeline
        metadata: {name: instance-configure}
        spec:
          containers:
          - name: render
            image: docker.io/local/workflow:1
            command: [sh, -c]
            args:
            - |
              team=$(sed -n 's/^ *team: *//p' /kratix/input/object.yaml)
              name=$(sed -n 's/^  name: *//p' /kratix/input/object.yaml | head -1)
              if [ "$team" = broken ]; then echo "resource workflow: no namespace template for team $team" >&2; exit 4; fi
              echo "resource workflow: rendering namespace for team $team ($name)"
              printf 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-%s\n' "$team" > /kratix/output/namespace.yaml
YAML
T1=$(date +%s)
# Kratix's own readiness: the Promise reports Available once its configure workflow succeeded.
wait_for "Promise spike Available" 180 bash -c "[ \"\$($K get promise spike -o jsonpath='{.status.status}')\" = Available ]"
log "Promise spike Available $(( $(date +%s) - T1 ))s after apply"
wait_for "CRD spikes.spike.kratix.io" 60 $K get crd spikes.spike.kratix.io
$K apply -f - >/dev/null <<'YAML'
apiVersion: spike.kratix.io/v1alpha1
kind: Spike
metadata: {name: payments, namespace: default}
spec: {team: payments}
YAML
T2=$(date +%s)
wait_for "Work of resource default/payments" 180 bash -c "$K get works -A -l kratix.io/resource-name=payments -o name | grep -q ."
log "resource workflow wrote its Work $(( $(date +%s) - T2 ))s after the request"
$K get jobs -A -o wide
$K get pods -A -o wide | grep -v "^spike " || true
$K get works -A
for j in $($K -n kratix-platform-system get jobs -o name); do
  echo "--- logs of $j (all containers)"
  $K -n kratix-platform-system logs "$j" --all-containers --prefix --tail=5 2>&1 | cut -c1-240
done
for j in $($K -n default get jobs -o name); do
  echo "--- logs of default/$j (all containers)"
  $K -n default logs "$j" --all-containers --prefix --tail=5 2>&1 | cut -c1-240
done

# A failing resource workflow: what Kratix and Kubernetes report, and the log.
$K apply -f - >/dev/null <<'YAML'
apiVersion: spike.kratix.io/v1alpha1
kind: Spike
metadata: {name: broken, namespace: default}
spec: {team: broken}
YAML
T3=$(date +%s)
# Kratix's pipeline Jobs restart failing containers in place (restartPolicy OnFailure, backoffLimit 6)
# and the Job controller deletes the pod when the Job fails: the log is readable only while the
# Job retries. Read it then.
broken_pod() { $K -n default get pods -l kratix.io/resource-name=broken -o name 2>/dev/null | head -1; }
render_failed() {
  local p; p=$(broken_pod); [ -n "$p" ] || return 1
  $K -n default get "$p" -o jsonpath='{.status.initContainerStatuses[?(@.name=="render")].state.terminated.exitCode}{.status.initContainerStatuses[?(@.name=="render")].lastState.terminated.exitCode}' | grep -q 4
}
wait_for "render container of default/broken failed once" 120 render_failed
log "failing resource workflow: first container failure $(( $(date +%s) - T3 ))s after the request"
p=$(broken_pod)
echo "--- $p (while the Job retries): init containers name=exit/restarts"
$K -n default get "$p" -o jsonpath='{range .status.initContainerStatuses[*]}{.name}={.state.terminated.exitCode}{.lastState.terminated.exitCode}/{.restartCount} {end}{"\n"}'
echo "--- log of its render container"
$K -n default logs "$p" -c render 2>/dev/null || $K -n default logs "$p" -c render --previous
failed_job() { $K -n default get jobs -l kratix.io/resource-name=broken -o jsonpath='{range .items[*]}{range .status.conditions[?(@.type=="Failed")]}{.status}{end}{end}' | grep -q True; }
wait_for "resource workflow of default/broken Failed" 240 failed_job
log "failing resource workflow: Job Failed $(( $(date +%s) - T3 ))s after the request"
$K -n default get jobs -l kratix.io/resource-name=broken
echo "pods of the failed Job left: $($K -n default get pods -l kratix.io/resource-name=broken -o name | wc -l)"
sleep 2
echo "--- status of default/broken"
$K -n default get spike broken -o jsonpath='{range .status.conditions[*]}{.type}={.status} ({.reason}: {.message}){"\n"}{end}{.status.kratix.workflows.pipelines}{"\n"}'
