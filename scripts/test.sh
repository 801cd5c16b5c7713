#!/usr/bin/env bash
# Installs what the tests need (scripts/packages.sh test: a real DNS server, SIP
# peers, groff, ...), builds everything, and runs the tests CTest knows in this
# build: unit (doctest), golden, docs, and integration against real peers on
# loopback, each integration script in a network namespace of its own where only
# loopback exists (tests/integration/lib/in_netns.sh). The fuzz targets are not
# built here (.ci/run builds and runs them with clang). Extra arguments go to
# ctest (e.g. -L unit).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/packages.sh test
scripts/build.sh
echo "test.sh: running the tests (ctest $*)"
ctest --test-dir "${SIPFO_BUILD_DIR:-build}" --output-on-failure -j "$(nproc)" "$@"
