#!/usr/bin/env bash
# parse-pcap benchmark (issue 15, deliverable 5): `sipfo parse-pcap FILE --json-lines`
# (reading, decoding, the story of every phone and its findings) against
#   tcpdump -r FILE -w /dev/null   libpcap reading and writing the same records, the
#                                  floor for any libpcap reader   (target: sipfo <= 2x)
#   tshark -r FILE -Y sip          Wireshark's dissectors, what an engineer would run
#                                  otherwise                     (target: sipfo >= 10x faster)
# on one generated capture (make_capture.py: a working day of SIP and DNS signalling
# of 800 phones in front of an SBC pair, with renewals, keep-alives, lookups and
# failovers; its header says why that is realistic). Not run by ctest.
# Each command runs SIPFO_BENCH_RUNS times, interleaved (tcpdump, sipfo, tshark, ...),
# so a busy machine slows all alike; the report gives medians of wall and CPU time,
# the ratios, and sipfo's peak RSS (/usr/bin/time -v; target <= 64 MiB).
#
#   tests/bench/pcap_story_bench.sh BUILD_DIR [WORKDIR]
#
# Environment:
#   SIPFO_BENCH_MIB     size of the generated capture in MiB (default 1024; e.g. 64 while iterating)
#   SIPFO_BENCH_RUNS    runs per command (default 3)
#   SIPFO_BENCH_TSHARK=0  leave tshark out (it takes minutes on 1 GiB)
#   SIPFO_BENCH_KEEP=1  keep the capture (default: deleted at the end)
# Needs tcpdump and tshark (scripts/packages.sh bench), python3, /usr/bin/time.
set -euo pipefail
build=$(realpath "$1")
work=${2:-/tmp/sipfo-pcap-story-bench}
size=${SIPFO_BENCH_MIB:-1024}
runs=${SIPFO_BENCH_RUNS:-3}
with_tshark=${SIPFO_BENCH_TSHARK:-1}
here=$(dirname "$(realpath "$0")")
sipfo="$build/sipfo"
[ -x "$sipfo" ] || { echo "pcap_story_bench.sh: $sipfo is missing (build the sipfo target)" >&2; exit 1; }
"$sipfo" parse-pcap --help >/dev/null 2>&1 ||
  { echo "pcap_story_bench.sh: $sipfo has no parse-pcap command" >&2; exit 1; }
command -v tcpdump >/dev/null || { echo "pcap_story_bench.sh: tcpdump is missing (scripts/packages.sh bench)" >&2; exit 1; }
if [ "$with_tshark" = 1 ]; then
  command -v tshark >/dev/null || { echo "pcap_story_bench.sh: tshark is missing (scripts/packages.sh bench)" >&2; exit 1; }
fi
[ -x /usr/bin/time ] || { echo "pcap_story_bench.sh: /usr/bin/time is missing (Debian package time)" >&2; exit 1; }
mkdir -p "$work"
capture="$work/story-$size.pcap"
if [ "${SIPFO_BENCH_KEEP:-0}" != 1 ]; then
  trap 'rm -f "$capture" "$work/time.txt" "$work/out.txt"' EXIT
fi

# run_once COMMAND...: prints "WALL_SECONDS CPU_SECONDS PEAK_RSS_KIB". Output goes to
# a file, not a pipe, so no reader slows the command down; /dev/null would let
# tshark skip nothing either way (it prints every matching packet's summary).
run_once() {
  /usr/bin/time -v -o "$work/time.txt" "$@" >"$work/out.txt" 2>/dev/null || true
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, p, ":"); wall = (n == 3) ? p[1] * 3600 + p[2] * 60 + p[3] : p[1] * 60 + p[2] }
    /User time/ { user = $2 } /System time/ { sys = $2 } /Maximum resident/ { rss = $2 }
    END { printf "%.2f %.2f %d\n", wall, user + sys, rss }' "$work/time.txt"
}

median() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

if [ ! -s "$capture" ]; then
  echo "generating $capture ($size MiB)"
  python3 "$here/make_capture.py" "$capture" "$size"
fi
cat "$capture" >/dev/null # warm the page cache, so no command pays for the disk

declare -a tcp_wall tcp_cpu sip_wall sip_cpu tsh_wall tsh_cpu
sip_rss=0 tcp_rss=0 tsh_rss=0
for i in $(seq 1 "$runs"); do
  read -r wall cpu rss < <(run_once tcpdump -r "$capture" -w /dev/null)
  tcp_wall+=("$wall") tcp_cpu+=("$cpu"); (( rss > tcp_rss )) && tcp_rss=$rss
  read -r wall cpu rss < <(run_once "$sipfo" parse-pcap "$capture" --json-lines)
  sip_wall+=("$wall") sip_cpu+=("$cpu"); (( rss > sip_rss )) && sip_rss=$rss
  if [ "$with_tshark" = 1 ]; then
    read -r wall cpu rss < <(run_once tshark -r "$capture" -Y sip)
    tsh_wall+=("$wall") tsh_cpu+=("$cpu"); (( rss > tsh_rss )) && tsh_rss=$rss
  fi
  echo "run $i of $runs done" >&2
done
"$sipfo" parse-pcap "$capture" --json-lines >"$work/out.txt" || true
phones=$(wc -l <"$work/out.txt")
packets=$(capinfos -c -M "$capture" 2>/dev/null | awk '/Number of packets/ { print $NF }')
mib() { awk -v r="$1" 'BEGIN { printf "%.1f", r / 1024 }'; }
tw=$(median "${tcp_wall[@]}") tc=$(median "${tcp_cpu[@]}")
sw=$(median "${sip_wall[@]}") sc=$(median "${sip_cpu[@]}")
echo "capture: $size MiB, $packets packets; parse-pcap told $phones phone(s); $runs interleaved runs each, medians"
printf '%-40s %9s %9s %12s\n' command wall_s cpu_s peak_rss_MiB
printf '%-40s %9s %9s %12s\n' "tcpdump -r FILE -w /dev/null" "$tw" "$tc" "$(mib "$tcp_rss")"
printf '%-40s %9s %9s %12s\n' "sipfo parse-pcap FILE --json-lines" "$sw" "$sc" "$(mib "$sip_rss")"
# CPU time too: on a shared machine the wall clock also counts the waits for a core.
awk -v s="$sw" -v t="$tw" -v a="$sc" -v b="$tc" \
  'BEGIN { printf "sipfo / tcpdump: %.2fx wall, %.2fx cpu (target <= 2x)\n", s / t, (b > 0 ? a / b : 0) }'
if [ "$with_tshark" = 1 ]; then
  hw=$(median "${tsh_wall[@]}") hc=$(median "${tsh_cpu[@]}")
  printf '%-40s %9s %9s %12s\n' "tshark -r FILE -Y sip" "$hw" "$hc" "$(mib "$tsh_rss")"
  awk -v s="$sw" -v h="$hw" -v a="$sc" -v b="$hc" \
    'BEGIN { printf "tshark / sipfo: %.1fx wall, %.1fx cpu (target >= 10x)\n", h / s, (a > 0 ? b / a : 0) }'
fi
awk -v r="$sip_rss" 'BEGIN { printf "sipfo peak RSS: %.1f MiB (target <= 64)\n", r / 1024 }'
