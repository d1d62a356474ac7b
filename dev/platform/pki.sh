#!/usr/bin/env bash
# Creates, once per state dir, the CA, serving and client certificates, the token file and the
# kubeconfigs of the local platform. Identities:
#   admin  (client cert + token, group system:masters)  - the Kratix manager, kubectl, tests, Backstage
#   alice  (token, group kratix-viewers)                 - a restricted user for RBAC tests
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

mkdir -p "$PKI"
cd "$PKI"
if [ ! -f ca.crt ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 3650 -subj "/CN=kratix-local-ca" 2>/dev/null
fi
sign() { # $1 name, $2 subject, $3 extensions
  [ -f "$1.crt" ] && return 0
  openssl req -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.csr" -subj "$2" 2>/dev/null
  printf '%b' "$3" > "$1.ext"
  openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 -out "$1.crt" -extfile "$1.ext" 2>/dev/null
}
sign apiserver "/CN=kube-apiserver" "subjectAltName=IP:127.0.0.1,DNS:localhost,IP:10.0.0.1,DNS:kubernetes.default.svc\nextendedKeyUsage=serverAuth\n"
sign admin "/CN=admin/O=system:masters" "extendedKeyUsage=clientAuth\n"
[ -f sa.key ] || { openssl genrsa -out sa.key 2048 2>/dev/null && openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null; }
if [ ! -f tokens.csv ]; then
  admin_token=$(openssl rand -hex 24)
  alice_token=$(openssl rand -hex 24)
  printf '%s,admin,admin,system:masters\n%s,alice,alice,kratix-viewers\n' "$admin_token" "$alice_token" > tokens.csv
  chmod 600 tokens.csv
fi
admin_token=$(awk -F, '$2=="admin"{print $1}' tokens.csv)
alice_token=$(awk -F, '$2=="alice"{print $1}' tokens.csv)

# Webhook serving certs: the Kratix manager always starts a webhook server on :9443 and reads
# tls.crt/tls.key from $TMPDIR/k8s-webhook-server/serving-certs (controller-runtime default).
WH=$STATE/tmp/k8s-webhook-server/serving-certs
mkdir -p "$WH"
[ -f "$WH/tls.crt" ] || openssl req -x509 -newkey rsa:2048 -nodes -keyout "$WH/tls.key" -out "$WH/tls.crt" \
  -days 3650 -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 2>/dev/null

# Kubeconfigs written by hand (no kubectl needed): certificate data embedded.
b64() { base64 -w0 < "$1"; }
kubeconfig() { # $1 file, $2 user name, $3 user yaml
  cat > "$1" <<KC
apiVersion: v1
kind: Config
clusters:
- name: kratix-local
  cluster:
    server: https://127.0.0.1:$APISERVER_PORT
    certificate-authority-data: $(b64 ca.crt)
users:
- name: $2
  user:
$3
contexts:
- name: kratix-local
  context: {cluster: kratix-local, user: $2}
current-context: kratix-local
KC
  chmod 600 "$1"
}
kubeconfig "$STATE/admin.kubeconfig" admin "    client-certificate-data: $(b64 admin.crt)
    client-key-data: $(b64 admin.key)"
kubeconfig "$STATE/alice.kubeconfig" alice "    token: $alice_token"
kubeconfig "$STATE/admin-token.kubeconfig" admin-token "    token: $admin_token"
