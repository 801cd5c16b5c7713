# shellcheck shell=bash
# A DNS server that never answers, for timeout tests: sipfo_silent_dns (built
# from silent_dns.cpp) on a loopback address, stopped at exit.
#
#   source tests/integration/lib/silent_dns.sh
#   silent_dns_start "$SIPFO_BINARY" 127.0.53.9 53059
#   sipfo resolve eslab.local --dns-server 127.0.53.9:53059 --timeout 1s  # -> TIMEOUT

_silent_dns_lib_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=cleanup.sh
source "$_silent_dns_lib_dir/cleanup.sh"

SILENT_DNS_PIDS=()

# silent_dns_start SIPFO_BINARY ADDR PORT: the helper is found in the build tree
# beside SIPFO_BINARY (see sipfo_test_tool). Returns once it listens.
silent_dns_start() {
  local tool pid waited=0
  tool=$(sipfo_test_tool sipfo_silent_dns "$1") || return 1
  "$tool" "$2" "$3" &
  pid=$!
  SILENT_DNS_PIDS+=("$pid")
  if (( ${#SILENT_DNS_PIDS[@]} == 1 )); then cleanup_on_exit silent_dns_stop; fi
  # It listens within milliseconds; a process that died says why on stderr.
  while (( waited < 20 )); do
    kill -0 "$pid" 2>/dev/null || { echo "silent_dns_start: $2:$3 failed" >&2; return 1; }
    if [[ -r /proc/net/udp ]] && grep -qi ":$(printf '%04X' "$3") " /proc/net/udp /proc/net/udp6 2>/dev/null; then
      return 0
    fi
    sleep 0.05
    waited=$(( waited + 1 ))
  done
}

# silent_dns_stop: stops every server silent_dns_start started.
silent_dns_stop() {
  local pid
  for pid in "${SILENT_DNS_PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
    wait_for_exit "$pid" 5
  done
  SILENT_DNS_PIDS=()
}
