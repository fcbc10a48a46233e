#!/usr/bin/env bash
# Installs Debian's Chromium for the designer's browser tests (playwright-core never downloads a
# browser). Idempotent; progress on stderr; the last stdout line is the export CI evaluates.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

if [ ! -x /usr/bin/chromium ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo -n"; fi
  echo "chromium.sh: installing Debian's chromium" >&2
  $SUDO apt-get update >&2
  $SUDO apt-get install -y --no-install-recommends chromium >&2
else
  echo "chromium.sh: /usr/bin/chromium is already installed" >&2
fi

/usr/bin/chromium --version >&2
echo "export RUNBOOK_CHROMIUM=/usr/bin/chromium"
