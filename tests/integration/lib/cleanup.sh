# shellcheck shell=bash
# One EXIT trap for every helper library: each registers its own cleanup with
# cleanup_on_exit, and they run in reverse order of registration when the
# script exits, however it exits. Source this once; sourcing again is harmless.

if [[ -z ${SIPFO_CLEANUP_LOADED:-} ]]; then
  SIPFO_CLEANUP_LOADED=1
  SIPFO_CLEANUP_STEPS=()

  # cleanup_on_exit COMMAND...: run COMMAND (a single string, eval'd) at exit.
  cleanup_on_exit() {
    SIPFO_CLEANUP_STEPS+=("$*")
  }

  sipfo_run_cleanup() {
    local i
    for (( i = ${#SIPFO_CLEANUP_STEPS[@]} - 1; i >= 0; i-- )); do
      eval "${SIPFO_CLEANUP_STEPS[i]}" || true
    done
    SIPFO_CLEANUP_STEPS=()
  }
  trap sipfo_run_cleanup EXIT
  # A signal ends the script through exit, so the EXIT trap runs too.
  trap 'exit 130' INT
  trap 'exit 143' TERM
fi

# wait_for_exit PID SECONDS: waits until PID (a child of this shell) is gone,
# killing it with SIGKILL when SECONDS pass. Never touches any other process.
wait_for_exit() {
  local pid=$1 seconds=$2 waited=0
  while kill -0 "$pid" 2>/dev/null; do
    if (( waited >= seconds * 10 )); then
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.1
    waited=$(( waited + 1 ))
  done
  wait "$pid" 2>/dev/null || true
}

# install_debian_package PACKAGE PROGRAM: makes PROGRAM (an absolute path) exist,
# installing PACKAGE with apt-get when it does not. `apt-get update` runs only
# when the first install fails. While installing, a policy-rc.d forbids starting
# services, so a package with a daemon (nsd) does not start one on port 53 of
# every interface. Inside in_netns.sh (no network) a missing package is an error.
install_debian_package() {
  local package=$1 program=$2 policy=/usr/sbin/policy-rc.d own_policy=
  [[ -x $program ]] && return 0
  if [[ ${SIPFO_NETNS:-} == 1 ]]; then
    # in_netns.sh: no network here for apt; scripts/test.sh installs it first.
    echo "$program is missing (Debian package $package: scripts/packages.sh test installs it)" >&2
    return 1
  fi
  echo "installing $package for $program" >&2
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && own_policy=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -o DPkg::Lock::Timeout=300 -y -q --no-install-recommends "$package" >&2 ||
    { DEBIAN_FRONTEND=noninteractive apt-get update -q >&2 &&
      DEBIAN_FRONTEND=noninteractive apt-get install -o DPkg::Lock::Timeout=300 -y -q --no-install-recommends "$package" >&2; }
  local status=$?
  [[ -n $own_policy ]] && rm -f "$policy"
  if (( status != 0 )) || [[ ! -x $program ]]; then
    echo "cannot install $package ($program is missing)" >&2
    return 1
  fi
}

# sipfo_test_tool NAME SIPFO_BINARY: the path of a helper program the build made
# (tests/tools/NAME in the build tree that holds SIPFO_BINARY), or $SIPFO_TEST_TOOLS/NAME.
sipfo_test_tool() {
  local name=$1 sipfo=${2:-} dir
  if [[ -n ${SIPFO_TEST_TOOLS:-} ]]; then
    dir=$SIPFO_TEST_TOOLS
  else
    dir=$(cd "$(dirname "$sipfo")/tests/tools" 2>/dev/null && pwd) ||
      dir=$(cd "$(dirname "$sipfo")/../tests/tools" 2>/dev/null && pwd) || dir=
  fi
  if [[ -z $dir || ! -x $dir/$name ]]; then
    echo "helper program $name not found (build it, or set SIPFO_TEST_TOOLS)" >&2
    return 1
  fi
  echo "$dir/$name"
}
