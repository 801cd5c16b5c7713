#!/usr/bin/env bash
# Installs what the tests need (a real DNS server, SIP peers, groff), builds, and
# runs every test: unit, golden, docs, fuzz smoke and integration against real
# peers on loopback. Extra arguments go to ctest (e.g. -L unit).
set -euo pipefail
cd "$(dirname "$0")/.."

test_packages=(nsd knot-dnsutils jq groff-base sip-tester socat kamailio iproute2 python3 openssl clang libclang-rt-14-dev time sofia-sip-bin)
missing=()
for package in "${test_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "test.sh: missing packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
  echo "test.sh: installing ${missing[*]}" >&2
  apt-get update -qq
  # Installing a server must not start one on the machine's public ports.
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  rm -f /usr/sbin/policy-rc.d
fi

scripts/build.sh
ctest --test-dir "${SIPFO_BUILD_DIR:-build}" --output-on-failure -j "$(nproc)" "$@"
