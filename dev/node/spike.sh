#!/usr/bin/env bash
# The spike's checks against a node started by up.sh (prints timings; exits non-zero on failure):
#  1. a Pod (image built offline) bound to the node runs to completion; its log via `kubectl logs`
#  2. a Job (scheduler + Job controller) whose pod lists namespaces through the apiserver with its
#     automounted ServiceAccount token, via the `kubernetes` Service address (in-cluster config)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
export KUBECONFIG=$STATE/admin.kubeconfig
K="$BIN/kubectl --kubeconfig=$KUBECONFIG"
ns=spike
$K get ns $ns >/dev/null 2>&1 || $K create ns $ns >/dev/null
$K -n $ns delete pod hello --ignore-not-found >/dev/null
$K -n $ns delete job probe kubectl fails --ignore-not-found >/dev/null
# wait_job NAME: until the Job is Complete or Failed (120 s); prints which.
wait_job() {
  local c
  for _ in $(seq 1 240); do
    c=$($K -n $ns get job "$1" -o jsonpath='{range .status.conditions[?(@.status=="True")]}{.type} {end}' 2>/dev/null)
    case " $c " in *" Complete "*) echo Complete; return 0 ;; *" Failed "*) echo Failed; return 0 ;; esac
    sleep 0.5
  done
  echo Timeout
}
phase() { $K -n $ns get pod "$1" -o jsonpath='{.status.phase}' 2>/dev/null; }

t0=$(date +%s.%N)
$K -n $ns apply -f - >/dev/null <<YAML
apiVersion: v1
kind: Pod
metadata: {name: hello}
spec:
  nodeName: $NODE_NAME
  restartPolicy: Never
  automountServiceAccountToken: false
  containers:
  - name: hello
    image: docker.io/local/probe:1
    imagePullPolicy: Never
    command: [sh, -c, 'echo "hello from pod \$(hostname), uid \$(id -u), ip \$(ip -4 -o addr show eth0 | awk "{print \\\$4}")"']
YAML
for _ in $(seq 1 120); do p=$(phase hello); [ "$p" = Succeeded ] || [ "$p" = Failed ] && break; sleep 0.5; done
t1=$(date +%s.%N)
echo "pod hello: phase $(phase hello) after $(awk "BEGIN{printf \"%.1f\", $t1 - $t0}")s"
echo "kubectl logs hello: $($K -n $ns logs hello)"
[ "$(phase hello)" = Succeeded ] || { $K -n $ns describe pod hello; exit 1; }

[ "${NODE_CONTROLLERS:-1}" = 1 ] || exit 0
$K create clusterrolebinding spike-probe-view --clusterrole=view --serviceaccount=$ns:default >/dev/null 2>&1 || true
$K create clusterrole spike-namespaces --verb=list --resource=namespaces >/dev/null 2>&1 || true
$K create clusterrolebinding spike-namespaces --clusterrole=spike-namespaces --serviceaccount=$ns:default >/dev/null 2>&1 || true
t0=$(date +%s.%N)
$K -n $ns apply -f - >/dev/null <<YAML
apiVersion: batch/v1
kind: Job
metadata: {name: probe}
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: probe
        image: docker.io/local/probe:1
        imagePullPolicy: Never
        command: [/bin/probe]
YAML
[ "$(wait_job probe)" = Complete ] || { $K -n $ns describe job probe; $K -n $ns get pods -o wide; $K -n $ns logs job/probe; exit 1; }
t1=$(date +%s.%N)
echo "job probe: Complete after $(awk "BEGIN{printf \"%.1f\", $t1 - $t0}")s"
echo "kubectl logs job/probe: $($K -n $ns logs job/probe)"

# The in-cluster client-go path (what Kratix's pipeline containers use): kubectl without a kubeconfig.
run_job() { # $1 name, $2 image, $3 shell command
  $K -n $ns apply -f - >/dev/null <<YAML
apiVersion: batch/v1
kind: Job
metadata: {name: $1}
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: $2
        imagePullPolicy: Never
        command: [sh, -c, '$3']
YAML
}
t0=$(date +%s.%N)
run_job kubectl docker.io/local/kubectl:1 'kubectl get namespaces -o name | tr "\n" " "'
[ "$(wait_job kubectl)" = Complete ] || { $K -n $ns describe job kubectl; $K -n $ns logs job/kubectl; exit 1; }
t1=$(date +%s.%N)
echo "job kubectl: Complete after $(awk "BEGIN{printf \"%.1f\", $t1 - $t0}")s"
echo "kubectl logs job/kubectl: $($K -n $ns logs job/kubectl)"

# A failing workflow: the Job fails and its log says why.
run_job fails docker.io/local/probe:1 'echo "step 2 of 3: cannot render the manifests" >&2; exit 3'
[ "$(wait_job fails)" = Failed ] || { $K -n $ns describe job fails; exit 1; }
echo "job fails: Failed ($($K -n $ns get job fails -o jsonpath='{.status.conditions[?(@.type=="Failed")].reason}')), exit code $($K -n $ns get pods -l job-name=fails -o jsonpath='{.items[0].status.containerStatuses[0].state.terminated.exitCode}')"
echo "kubectl logs job/fails: $($K -n $ns logs job/fails)"
