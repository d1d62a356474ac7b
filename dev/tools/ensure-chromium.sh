#!/usr/bin/env bash
# Makes Debian's chromium available for the browser tests (playwright-core drives it; no browser
# download). Installs it with apt when missing and running as root; otherwise says what to do.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "[ensure-chromium] installing Debian chromium" >&2
  # One apt at a time: the node build (dev/node/env.sh) may be installing its packages meanwhile.
  flock /tmp/kratix-backstage-apt.lock sh -c \
    'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium' >&2
  exit 0
fi
echo "[ensure-chromium] ERROR: chromium is not installed; install Debian's 'chromium' package (sudo apt-get install chromium)" >&2
exit 1
