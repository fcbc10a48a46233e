#!/bin/sh
# Makes dnsmasq available to the DNS driver tests. Idempotent: installs the Debian package only when
# it is missing and never starts it as a system service (each test starts its own instance on a
# free loopback port). The last line is an export the CI script evals.
set -eu

DNSMASQ=$(command -v dnsmasq 2>/dev/null || true)
[ -n "$DNSMASQ" ] || [ ! -x /usr/sbin/dnsmasq ] || DNSMASQ=/usr/sbin/dnsmasq

if [ -z "$DNSMASQ" ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  # policy-rc.d 101 keeps the package's init script from starting a system-wide dnsmasq.
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
    $SUDO chmod +x /usr/sbin/policy-rc.d
    REMOVE_POLICY=1
  fi
  $SUDO apt-get update -qq >&2
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dnsmasq >&2
  [ "${REMOVE_POLICY:-0}" -eq 0 ] || $SUDO rm -f /usr/sbin/policy-rc.d
  DNSMASQ=/usr/sbin/dnsmasq
fi

"$DNSMASQ" --version | head -n 1 >&2
echo "export RUNBOOK_TEST_DNSMASQ=$DNSMASQ"
