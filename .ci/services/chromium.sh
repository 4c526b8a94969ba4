#!/usr/bin/env bash
# Debian's headless Chromium for the browser tests (tests/web/), driven by Playwright for
# Python with executable_path=/usr/bin/chromium: no browser is downloaded from anywhere but
# Debian's archive. Idempotent: does nothing when Chromium is already installed.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  echo "chromium: already installed ($(/usr/bin/chromium --version 2>/dev/null || echo 'version unknown'))"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
# The package lists may be absent on a fresh machine: update once, then install.
if ! apt-cache show chromium >/dev/null 2>&1; then
  $SUDO apt-get update -q
fi
$SUDO apt-get install -y -q --no-install-recommends chromium fonts-noto-core >/dev/null || {
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends chromium fonts-noto-core
}
echo "chromium: installed ($(/usr/bin/chromium --version 2>/dev/null || echo 'version unknown'))"
