#!/usr/bin/env bash
# Installs the OpenSSH server binary for the SSH transport tests (each test starts its own private
# sshd on a free loopback port). The system service is not started. Last stdout line: the export.
set -euo pipefail
if [ ! -x /usr/sbin/sshd ]; then
  echo "sshd.sh: installing openssh-server" >&2
  # Keep the package from starting the system service during the install.
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
  chmod +x /usr/sbin/policy-rc.d
  apt-get update -q >&2 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends openssh-server >&2
  rm -f /usr/sbin/policy-rc.d
fi
echo "sshd.sh: $(/usr/sbin/sshd -V 2>&1 | head -n 1)" >&2
echo "export RUNBOOK_TEST_SSHD=/usr/sbin/sshd"
