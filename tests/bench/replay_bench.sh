#!/usr/bin/env bash
# Replay benchmark (issue #6, item 6): 10,000 phones over 24 hours of simulated
# time, with a failover (p1 down at 6:00) and a failback (p1 back at 10:00), for
# each handset model; reports wall time and peak RSS (/usr/bin/time -v).
# Target: under 1 s on one core. Build with -DCMAKE_BUILD_TYPE=Release (or
# RelWithDebInfo) for meaningful numbers; a Debug build is several times slower.
# Usage: replay_bench.sh SIPFO_BINARY   (not part of CTest)
set -euo pipefail
sipfo=$1
phones=${BENCH_PHONES:-10000}
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

write_scenario() { # PROFILE FILE
  cat >"$2" <<TOML
profile = "$1"
duration = "24h"
jitter = "random"
seed = 42

[fleet]
boot_spread = "10m"
boot_order = "random"
bucket = "60s"

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

status=0
printf '%-16s %8s %10s %12s %12s\n' profile phones wall_s peak_rss_kb failovers
for profile in spectralink-84 yealink rfc3263 pivot; do
  write_scenario "$profile" "$work/$profile.toml"
  # One core: taskset when available, so the number is a single-core number.
  pin=()
  command -v taskset >/dev/null && pin=(taskset -c 0)
  /usr/bin/time -v -o "$work/time.txt" "${pin[@]}" "$sipfo" replay "$work/$profile.toml" --fleet "$phones" --json \
    >"$work/out.json" || true
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$work/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time.txt")
  failovers=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["fleet"]["failovers"])' "$work/out.json")
  printf '%-16s %8s %10s %12s %12s\n' "$profile" "$phones" "$wall" "$rss" "$failovers"
  awk -v w="$wall" 'BEGIN { exit !(w < 1.0) }' || { echo "  over the 1 s target" >&2; status=1; }
done
exit $status
