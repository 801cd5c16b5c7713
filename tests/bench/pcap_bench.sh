#!/usr/bin/env bash
# Capture decoder benchmark (issue 15): the decoder (sipfo_pcap_dump --count, which
# reads with libpcap and decodes every packet to DNS/SIP messages) beside
# `tcpdump -r FILE -w /dev/null` (libpcap reading and writing the same records,
# the floor for any libpcap reader) on one generated capture, in the same run.
# pcap_generate.py writes it: a phone site's mix (80 % RTP, SIP over UDP and TCP
# with split, reordered and retransmitted segments, DNS).
# Each command runs SIPFO_BENCH_RUNS times, interleaved (tcpdump, decoder, ...), so a
# busy machine slows both alike; the report gives the medians, their ratio (target
# <= 2x tcpdump) and the decoder's peak RSS (target <= 64 MiB).
#
#   tests/bench/pcap_bench.sh BUILD_DIR [WORKDIR]
#
# Environment:
#   SIPFO_BENCH_MIB   size of the generated capture in MiB (default 1024; e.g. 256 while iterating)
#   SIPFO_BENCH_RUNS  runs per command (default 3)
#   SIPFO_BENCH_KEEP=1  keep the capture (default: deleted at the end)
# Needs tcpdump, python3 and /usr/bin/time (Debian package time).
set -euo pipefail
build=$(realpath "$1")
work=${2:-/tmp/sipfo-pcap-bench}
size=${SIPFO_BENCH_MIB:-1024}
runs=${SIPFO_BENCH_RUNS:-3}
here=$(dirname "$(realpath "$0")")
decoder="$build/tests/tools/sipfo_pcap_dump"
[ -x "$decoder" ] || { echo "pcap_bench.sh: $decoder is missing (build sipfo_pcap_dump)" >&2; exit 1; }
command -v tcpdump >/dev/null || { echo "pcap_bench.sh: tcpdump is missing" >&2; exit 1; }
mkdir -p "$work"
capture="$work/bench-$size.pcap"
if [ "${SIPFO_BENCH_KEEP:-0}" != 1 ]; then
  trap 'rm -f "$capture" "$work/time.txt" "$work/out.txt"' EXIT
fi

# run_once COMMAND...: prints "WALL_SECONDS CPU_SECONDS PEAK_RSS_KIB".
run_once() {
  local start end user sys rss
  start=$EPOCHREALTIME
  /usr/bin/time -o "$work/time.txt" -f '%U %S %M' "$@" >"$work/out.txt" 2>/dev/null
  end=$EPOCHREALTIME
  read -r user sys rss < <(tail -n 1 "$work/time.txt")
  awk -v s="$start" -v e="$end" -v u="$user" -v y="$sys" -v r="$rss" 'BEGIN { printf "%.3f %.2f %d\n", e - s, u + y, r }'
}

median() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

if [ ! -s "$capture" ]; then
  echo "generating $capture ($size MiB)"
  python3 "$here/pcap_generate.py" "$capture" "$size"
fi
cat "$capture" >/dev/null # warm the page cache, so neither side pays for the disk

tcp_wall=() tcp_cpu=() dec_wall=() dec_cpu=() dec_rss=0 tcp_rss=0
for i in $(seq 1 "$runs"); do
  read -r wall cpu rss < <(run_once tcpdump -r "$capture" -w /dev/null)
  tcp_wall+=("$wall") tcp_cpu+=("$cpu")
  (( rss > tcp_rss )) && tcp_rss=$rss
  read -r wall cpu rss < <(run_once "$decoder" --count "$capture")
  dec_wall+=("$wall") dec_cpu+=("$cpu")
  (( rss > dec_rss )) && dec_rss=$rss
done
totals=$("$decoder" --count "$capture")
tw=$(median "${tcp_wall[@]}") tc=$(median "${tcp_cpu[@]}")
dw=$(median "${dec_wall[@]}") dc=$(median "${dec_cpu[@]}")
echo "capture: $size MiB, $runs runs each, medians"
echo "decoder totals: $totals"
printf '%-34s %9s %9s %12s\n' command wall_s cpu_s peak_rss_MiB
printf '%-34s %9s %9s %12.1f\n' "tcpdump -r FILE -w /dev/null" "$tw" "$tc" "$(awk -v r="$tcp_rss" 'BEGIN { print r / 1024 }')"
printf '%-34s %9s %9s %12.1f\n' "sipfo_pcap_dump --count FILE" "$dw" "$dc" "$(awk -v r="$dec_rss" 'BEGIN { print r / 1024 }')"
awk -v a="$dw" -v b="$tw" -v c="$dc" -v d="$tc" -v r="$dec_rss" 'BEGIN {
  printf "ratio decoder/tcpdump: wall %.2fx, cpu %.2fx (target <= 2x); decoder peak RSS %.1f MiB (target <= 64)\n",
         a / b, (d > 0 ? c / d : 0), r / 1024 }'
