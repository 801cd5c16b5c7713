#!/usr/bin/env bash
# Probe benchmark on loopback (issue #5, item 9):
#  1. 1,000 candidates (127.0.60.0 .. 127.0.63.231, one responder process)
#     probed with OPTIONS by `sipfo probe` in one run: wall time and messages
#     per second; beside sipsak probing the same targets one after another.
#  2. 100 silent candidates: the wall time should be one Timer F (32 s).
# Usage: probe_bench.sh SIPFO_BINARY [SOURCE_DIR]   (not part of CTest: ~1 min)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../integration/lib/sip_peers.sh"
peers_init
need_tool sipsak sipsak
SIPFO="$1"
COUNT=${BENCH_COUNT:-1000}
SILENT=${BENCH_SILENT:-100}

start_responder() { # MODE FIRST_IP COUNT
  python3 "$here/probe_responder.py" "$1" "$2" "$3" 5060 >"$PEER_DIR/responder-$1.log" 2>&1 &
  PEER_PIDS+=("$!")
  for _ in $(seq 1 200); do grep -q ready "$PEER_DIR/responder-$1.log" && return 0; sleep 0.05; done
  echo "FAIL: responder did not start" >&2; exit 1
}

targets_file() { # FIRST_IP(127.a.b.c) COUNT FILE: one target a line (--targets-file)
  python3 - "$1" "$2" >"$3" <<'PY'
import ipaddress, sys
first = ipaddress.IPv4Address(sys.argv[1])
for i in range(int(sys.argv[2])):
    print(f"{first + i}:5060/udp")
PY
}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

start_responder answer 127.0.60.0 "$COUNT"
targets_file 127.0.60.0 "$COUNT" "$PEER_DIR/targets"

for rate in 0 1000 100; do
  t0=$(now_ms)
  out="$("$SIPFO" probe --targets-file "$PEER_DIR/targets" --rate "$rate" --json || true)"
  t1=$(now_ms)
  up=$(printf '%s\n' "$out" | jq -r '.summary.up')
  ms=$((t1 - t0))
  echo "sipfo  --rate ${rate} (0 = unlimited): $COUNT targets, $up up, ${ms} ms wall, $(( COUNT * 2 * 1000 / (ms > 0 ? ms : 1) )) messages/s (request + response)"
done

t0=$(now_ms)
ok=0
while read -r ip; do
  if sipsak -s "sip:$ip:5060" >/dev/null 2>&1; then ok=$((ok + 1)); fi
done < <(cut -d: -f1 "$PEER_DIR/targets")
t1=$(now_ms)
ms=$((t1 - t0))
echo "sipsak one after another: $COUNT targets, $ok answered, ${ms} ms wall, $(( COUNT * 2 * 1000 / (ms > 0 ? ms : 1) )) messages/s"

start_responder silent 127.0.64.0 "$SILENT"
targets_file 127.0.64.0 "$SILENT" "$PEER_DIR/silent"
t0=$(now_ms)
out="$("$SIPFO" probe --targets-file "$PEER_DIR/silent" --rate 0 --json || true)"
t1=$(now_ms)
down=$(printf '%s\n' "$out" | jq -r '[.candidates[] | select(.status == "down" and .options.code == 408)] | length')
echo "sipfo  $SILENT silent targets: $down down by Timer F, $((t1 - t0)) ms wall (one Timer F = 32000 ms)"
