#!/usr/bin/env bash
# Replay benchmark (issue 13): each profile at 10,000, 100,000 and 1,000,000 phones
# over 24 hours of simulated time, with a failover (p1 down at 6:00) and a failback
# (p1 back at 10:00); wall time and peak RSS (/usr/bin/time -v), on one core
# (taskset -c 0). Targets: 10k phones <= 0.2 s, 1M phones <= 20 s, peak RSS
# <= 64 MiB. The machine may be shared: the load average is printed with each
# row, and a BASELINE binary (an older build) run in the same pass gives a ratio
# that the load affects less than the absolute figures; cpu_s (user + system) and
# its ratio cpu_r are what the run itself cost, whatever else the machine does.
# Build with -DCMAKE_BUILD_TYPE=Release (or RelWithDebInfo) for meaningful numbers.
# Usage: replay_bench.sh SIPFO_BINARY [BASELINE_BINARY]   (not part of CTest)
#   BENCH_SIZES="10000 100000 1000000"
#   BENCH_PROFILES="spectralink-84 yealink yealink-static rfc3263 pivot"
# yealink-static is the yealink profile with topology = "static": the two [[server]]
# tables are sip_server entries 1 and 2, registered concurrently (redundancy_type 0).
set -euo pipefail
sipfo=$1
baseline=${2:-}
sizes=${BENCH_SIZES:-10000 100000 1000000}
profiles=${BENCH_PROFILES:-spectralink-84 yealink yealink-static rfc3263 pivot}
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

write_scenario() { # PROFILE FILE
  local profile=$1 phone=""
  if [ "$profile" = yealink-static ]; then
    profile=yealink
    phone=$'[phone]\ntopology = "static"\n'
  fi
  cat >"$2" <<TOML
profile = "$profile"
duration = "24h"
jitter = "random"
seed = 42

[fleet]
boot_spread = "10m"
boot_order = "random"
bucket = "60s"

$phone
[[server]]
name = "p1"
address = "10.0.0.1:5060"
priority = 1
rank = 1

[[server]]
name = "p2"
address = "10.0.0.2:5060"
priority = 2
rank = 2

[[event]]
at = "6h"
do = "server.down"
server = "p1"

[[event]]
at = "10h"
do = "server.up"
server = "p1"
TOML
}

# One core: taskset when available, so the number is a single-core number.
pin=()
command -v taskset >/dev/null && pin=(taskset -c 0)

run() { # BINARY SCENARIO PHONES -> "wall rss failovers cpu"
  /usr/bin/time -v -o "$work/time.txt" "${pin[@]}" "$1" replay "$2" --fleet "$3" --json >"$work/out.json" || true
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$work/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time.txt")
  # CPU seconds (user + system): on a shared machine wall time also counts the waits.
  cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$work/time.txt")
  failovers=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["fleet"]["failovers"])' "$work/out.json" 2>/dev/null || echo "?")
  echo "$wall $rss $failovers $cpu"
}

status=0
printf '%-16s %8s %8s %8s %10s %12s %8s %8s %6s %6s %6s\n' profile phones wall_s cpu_s rss_kb failovers base_s base_cpu ratio cpu_r load1
for profile in $profiles; do
  write_scenario "$profile" "$work/$profile.toml"
  for phones in $sizes; do
    read -r wall rss failovers cpu < <(run "$sipfo" "$work/$profile.toml" "$phones")
    base="-" base_cpu="-" ratio="-" cpu_ratio="-"
    if [ -n "$baseline" ]; then
      read -r base _ _ base_cpu < <(run "$baseline" "$work/$profile.toml" "$phones")
      ratio=$(awk -v a="$wall" -v b="$base" 'BEGIN { printf (b > 0 ? "%.2f" : "-"), a / b }')
      cpu_ratio=$(awk -v a="$cpu" -v b="$base_cpu" 'BEGIN { printf (b > 0 ? "%.2f" : "-"), a / b }')
    fi
    load=$(cut -d' ' -f1 /proc/loadavg)
    printf '%-16s %8s %8s %8s %10s %12s %8s %8s %6s %6s %6s\n' "$profile" "$phones" "$wall" "$cpu" "$rss" "$failovers" "$base" "$base_cpu" "$ratio" "$cpu_ratio" "$load"
    limit=$(awk -v n="$phones" 'BEGIN { print n <= 10000 ? 0.2 : 20 * n / 1000000 }')
    awk -v w="$wall" -v l="$limit" 'BEGIN { exit !(w <= l) }' || { echo "  $profile $phones: over the ${limit} s target" >&2; status=1; }
    [ "$rss" -le 65536 ] || { echo "  $profile $phones: peak RSS over 64 MiB" >&2; status=1; }
  done
done
exit $status
