#!/usr/bin/env bash
# resolve_latency.sh SIPFO_BINARY [RUNS] [DELAY_MS]
#
# How many DNS round trips `sipfo resolve` waits for. NSD serves the eslab.local
# zone (fixtures/zones, or tests/bench/zones when the fixtures are absent) on
# loopback; sipfo_delay_proxy sits in front of it and holds every answer for
# DELAY_MS (default 50), so a run's wall time divided by the delay counts the
# round trips on its critical path. sipfo's is NAPTR, then SRV, then the A
# lookups of all targets at once: about 3 delays. The same lookups made one after
# another by kdig (NAPTR, SRV, then one A per target) take one delay each: about
# 4 for two targets. Each command also runs straight against NSD (no delay) to
# show what process start-up costs; "round trips" subtracts that.
#
# Uses hyperfine when installed (apt-get install hyperfine), else a timing loop.
# Addresses: BENCH_NSD (default 127.0.53.1:53053), BENCH_PROXY (127.0.53.2:53054).

set -euo pipefail

if (( $# < 1 )); then
  echo "usage: $0 SIPFO_BINARY [RUNS] [DELAY_MS]" >&2
  exit 3
fi
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
sipfo=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
runs=${2:-20}
delay_ms=${3:-50}
nsd_endpoint=${BENCH_NSD:-127.0.53.1:53053}
proxy_endpoint=${BENCH_PROXY:-127.0.53.2:53054}
origin=eslab.local

# shellcheck source-path=SCRIPTDIR source=../integration/lib/nsd.sh
source "$here/../integration/lib/nsd.sh"

zones=$root/fixtures/zones
[[ -f $zones/$origin.zone ]] || zones=$here/zones

nsd_start "${nsd_endpoint%:*}" "${nsd_endpoint##*:}" "$zones"

proxy=$(sipfo_test_tool sipfo_delay_proxy "$sipfo")
"$proxy" "${proxy_endpoint%:*}" "${proxy_endpoint##*:}" "${nsd_endpoint%:*}" "${nsd_endpoint##*:}" "$delay_ms" &
proxy_pid=$!
cleanup_on_exit "kill -TERM $proxy_pid 2>/dev/null; wait_for_exit $proxy_pid 5"

# kdig_at ENDPOINT ARGS...: one UDP query, answer only.
kdig_at() {
  local endpoint=$1
  shift
  kdig @"${endpoint%:*}" -p "${endpoint##*:}" +notcp +time=2 +retry=0 +short "$@"
}

for _ in $(seq 50); do
  kdig_at "$proxy_endpoint" SOA "$origin" | grep -q . && break
  sleep 0.1
done
kdig_at "$proxy_endpoint" SOA "$origin" | grep -q . || { echo "the delay proxy does not answer" >&2; exit 1; }

# The chain kdig walks, read from the zone through NSD: NAPTR replacement, SRV targets.
srv_name=$(kdig_at "$nsd_endpoint" NAPTR "$origin" | awk 'NR == 1 { print $NF }')
mapfile -t targets < <(kdig_at "$nsd_endpoint" SRV "$srv_name" | awk '{ print $NF }')
if [[ -z $srv_name || ${#targets[@]} -eq 0 ]]; then
  echo "the zone in $zones has no NAPTR -> SRV chain at $origin" >&2
  exit 1
fi

# kdig_chain ENDPOINT: the lookups one after another, as a script would make them.
kdig_chain() {
  local target
  kdig_at "$1" NAPTR "$origin" > /dev/null
  kdig_at "$1" SRV "$srv_name" > /dev/null
  for target in $target_list; do kdig_at "$1" A "$target" > /dev/null; done
}
sipfo_resolve() { "$sipfo" resolve "$origin" --dns-server "$1"; }

# hyperfine runs each command in a fresh bash: hand it the functions and values.
target_list="${targets[*]}"
export origin srv_name target_list sipfo
export -f kdig_at kdig_chain sipfo_resolve

# mean_ms FUNCTION ENDPOINT: mean wall time of RUNS runs in milliseconds (exit status ignored).
mean_ms() {
  if command -v hyperfine > /dev/null; then
    local json
    json=$(mktemp)
    hyperfine --shell bash --style none --warmup 2 --runs "$runs" --ignore-failure --export-json "$json" \
      "$1 $2" > /dev/null 2>&1
    awk -F: '/"mean"/ { gsub(/[ ,]/, "", $2); printf "%.1f\n", $2 * 1000; exit }' "$json"
    rm -f "$json"
    return
  fi
  local i start end total=0
  "$1" "$2" > /dev/null 2>&1 || true # warm-up
  for (( i = 0; i < runs; i++ )); do
    start=$(date +%s%N)
    "$1" "$2" > /dev/null 2>&1 || true
    end=$(date +%s%N)
    total=$(( total + end - start ))
  done
  awk -v ns="$total" -v n="$runs" 'BEGIN { printf "%.1f\n", ns / n / 1e6 }'
}

# report NAME DELAYED_MS DIRECT_MS
report() {
  awk -v name="$1" -v slow="$2" -v fast="$3" -v d="$delay_ms" 'BEGIN {
    printf "%-34s %9.1f ms %9.1f ms %8.2f %11.2f\n", name, slow, fast, slow / d, (slow - fast) / d }'
}

echo "delay ${delay_ms} ms per answer, ${runs} runs each, NSD $nsd_endpoint, proxy $proxy_endpoint, zones $zones"
printf '%-34s %12s %12s %8s %11s\n' "lookups" "delayed" "direct" "wall/d" "round trips"

set +e
sipfo_resolve "$nsd_endpoint" > /dev/null 2>&1
sipfo_status=$?
set -e
if (( sipfo_status >= 3 )); then
  echo "(sipfo resolve exited $sipfo_status against NSD: not measured)" >&2
else
  report "sipfo resolve $origin" "$(mean_ms sipfo_resolve "$proxy_endpoint")" "$(mean_ms sipfo_resolve "$nsd_endpoint")"
fi
report "kdig NAPTR, SRV, ${#targets[@]} x A in sequence" "$(mean_ms kdig_chain "$proxy_endpoint")" \
  "$(mean_ms kdig_chain "$nsd_endpoint")"
