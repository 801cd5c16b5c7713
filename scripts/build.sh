#!/usr/bin/env bash
# Installs what sipfo needs to build (Debian 12 packages only) and builds it into
# build/ (or $SIPFO_BUILD_DIR). Pass cmake options as arguments.
set -euo pipefail
cd "$(dirname "$0")/.."

build_packages=(cmake g++ ninja-build pkg-config
  libc-ares-dev libcli11-dev libfmt-dev libre2-dev doctest-dev libssl-dev
  nlohmann-json3-dev libtomlplusplus-dev zlib1g-dev)

missing=()
for package in "${build_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "build.sh: missing packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
  echo "build.sh: installing ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

build_dir=${SIPFO_BUILD_DIR:-build}
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$build_dir" -j "$(nproc)" ${SIPFO_TARGETS:+--target $SIPFO_TARGETS}
