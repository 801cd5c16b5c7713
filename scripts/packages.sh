#!/usr/bin/env bash
# Installs the Debian 12 packages one kind of work needs, and nothing else:
#   build  what scripts/build.sh needs to build sipfo (compiler, CMake, libraries)
#   test   what the tests scripts/test.sh runs need: a DNS server (nsd) and kdig,
#          SIP peers (SIPp, Kamailio, socat, openssl, python3), sip-dig (sofia-sip-bin) as an RFC 3263 oracle,
#          promtool (prometheus) to check the OpenMetrics output, jq, groff for the man pages, iproute2 for
#          the loopback-only network namespace; tcpdump and python3-scapy (captures made and crafted
#          by the pcap tests); mandoc (lint), bash-completion, zsh and fish (completion
#          tests), man-db, dpkg-dev and file (the .deb test: dpkg-shlibdeps)
#   fuzz   clang and its libFuzzer runtime, for the fuzz targets (.ci/run)
#   bench  the baselines tests/bench/pcap_story_bench.sh times parse-pcap against:
#          tshark (Wireshark's reader with its SIP dissector) and tcpdump
# Usage: scripts/packages.sh SET...   Packages already installed are left alone;
# what is missing is installed with apt's own progress on the terminal.
set -euo pipefail

packages_of() {
  case $1 in
    build) echo cmake g++ ninja-build pkg-config libc-ares-dev libcli11-dev libfmt-dev \
                libre2-dev doctest-dev libssl-dev nlohmann-json3-dev libtomlplusplus-dev zlib1g-dev \
                libpcap-dev ;;
    test) echo nsd knot-dnsutils jq groff-base sip-tester socat kamailio iproute2 python3 openssl sofia-sip-bin \
               prometheus mandoc bash-completion zsh fish man-db dpkg-dev file \
               tcpdump python3-scapy ;;
    fuzz) echo clang libclang-rt-14-dev ;;
    bench) echo tshark tcpdump ;;
    *) echo "packages.sh: unknown set '$1' (build, test, fuzz or bench)" >&2; return 1 ;;
  esac
}

[ $# -gt 0 ] || { echo "usage: scripts/packages.sh build|test|fuzz|bench..." >&2; exit 1; }
wanted=()
for set in "$@"; do
  names=$(packages_of "$set")
  read -r -a listed <<<"$names"
  wanted+=("${listed[@]}")
done

missing=()
for package in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "packages.sh: $* packages: all ${#wanted[@]} installed"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "packages.sh: missing packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})" >&2
  exit 1
fi

echo "packages.sh: installing ${#missing[@]} Debian packages ($*): ${missing[*]}"
# Fresh package lists first (a new machine may have none, or a debootstrap's);
# .ci/run refreshes them once itself and says so with SIPFO_APT_UPDATED=1.
if [ "${SIPFO_APT_UPDATED:-}" != 1 ]; then
  echo "packages.sh: apt-get update"
  apt-get -q update
fi
# Installing a server (nsd, kamailio) must not start one on the machine's ports.
own_policy=
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && own_policy=1
fi
status=0
DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=600 install -y --no-install-recommends \
  "${missing[@]}" || status=$?
[ -n "$own_policy" ] && rm -f /usr/sbin/policy-rc.d
[ "$status" -eq 0 ] || { echo "packages.sh: apt-get install failed ($status)" >&2; exit "$status"; }
echo "packages.sh: installed ${missing[*]}"
