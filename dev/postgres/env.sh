# Shared settings of the local PostgreSQL (sourced by up.sh, down.sh).
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PG_DIR=${KRATIX_POSTGRES_DIR:-$ROOT/.postgres}
PG_PORT=${KRATIX_POSTGRES_PORT:-55432}
# Debian's package: /usr/lib/postgresql/<major>/bin (the newest installed major).
PG_BIN=${KRATIX_POSTGRES_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
PG_MAJOR=$(basename "$(dirname "$PG_BIN")")
# initdb and postgres refuse to run as root: run them as the package's postgres user then.
as_pg() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_url() { echo "postgresql://postgres@127.0.0.1:$PG_PORT/postgres"; }
