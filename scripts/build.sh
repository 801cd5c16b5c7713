#!/usr/bin/env bash
# Installs what sipfo needs to build (Debian 12 packages only, scripts/packages.sh
# build) and builds it into build/ (or $SIPFO_BUILD_DIR).
# Usage: scripts/build.sh [TARGET...] [CMAKE_OPTION...]
#   TARGET        what to build, e.g. `sipfo` (the command alone: the quick start);
#                 none (and no $SIPFO_TARGETS) builds everything, tests included
#   CMAKE_OPTION  anything starting with '-', given to cmake (e.g. -DSIPFO_SANITIZE=ON)
set -euo pipefail
cd "$(dirname "$0")/.."

targets=()
cmake_options=()
for argument in "$@"; do
  case $argument in
    -*) cmake_options+=("$argument") ;;
    *) targets+=("$argument") ;;
  esac
done
if [ ${#targets[@]} -eq 0 ] && [ -n "${SIPFO_TARGETS:-}" ]; then
  read -r -a targets <<<"$SIPFO_TARGETS"
fi

scripts/packages.sh build

build_dir=${SIPFO_BUILD_DIR:-build}
echo "build.sh: configuring $build_dir/ (cmake)"
mkdir -p "$build_dir"
if ! cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${cmake_options[@]}" \
     >"$build_dir/configure.log" 2>&1; then
  cat "$build_dir/configure.log" >&2
  echo "build.sh: cmake failed (log above, also in $build_dir/configure.log)" >&2
  exit 1
fi

jobs=$(nproc)
if [ ${#targets[@]} -eq 0 ]; then
  echo "build.sh: building every target ($jobs jobs; ninja counts [done/total] steps)"
  cmake --build "$build_dir" -j "$jobs"
else
  echo "build.sh: building ${#targets[@]} target(s): ${targets[*]} ($jobs jobs; ninja counts [done/total] steps)"
  cmake --build "$build_dir" -j "$jobs" --target "${targets[@]}"
fi
echo "build.sh: done, in $build_dir/"
