#!/usr/bin/env bash
# parse-log benchmark (issue 12): `sipfo parse-log` beside grep and zgrep on the same
# input in the same run, at two densities made by generate_applog.py:
#   sparse  today's bench log: noise with a registration story every ~256 KiB
#   dns     a phone at log.level.change.dns="1": ~57 % of the lines `|dns`,
#           ~7.5 M lines and tens of thousands of boots per 512 MiB
# and three shapes of work per density:
#   1 file   sipfo parse-log F            vs  grep -c '|dns' F
#   gzip     sipfo parse-log F.gz         vs  zgrep -c '|dns' F.gz
#   4 files  sipfo parse-log F1..F4       vs  grep -c '|dns' F1..F4   (sipfo on all cores)
# Each pair runs SIPFO_BENCH_RUNS times (default 5), interleaved (peer, sipfo, peer,
# sipfo, ...) so a busy machine slows both alike; the table shows the medians, their
# ratio (wall clock: the target), the same for CPU time (user + sys: steadier on a busy
# machine) and sipfo's peak RSS over all runs.
# Targets: <= 1.5x grep on one file, <= 1.2x zgrep on .gz, peak RSS <= 32 MiB,
# 4 files faster than 4 x one file when there are cores to share the work.
# A speed change must not change the output: parse_log_identity.sh BINARY BASELINE
# compares both binaries' output on the same logs, in every mode.
#
#   tests/bench/parse_log_bench.sh BINARY [WORKDIR]
#
# Environment:
#   SIPFO_BENCH_MIB        size of each generated log in MiB (default 512; use e.g. 64
#                          while iterating)
#   SIPFO_BENCH_RUNS       runs per command (default 5)
#   SIPFO_BENCH_DENSITIES  which densities (default "sparse dns")
#   SIPFO_BENCH_BASELINE   a second sipfo binary (an earlier build) measured in the
#                          same rounds, for before/after figures
#   SIPFO_BENCH_KEEP=1     keep the generated logs (default: deleted at the end)
#
# WORKDIR (default /tmp/sipfo-bench) receives the logs, made at bench time and never
# committed; 512 MiB per density plus its .gz. Needs /usr/bin/time (Debian package time).
set -euo pipefail
binary=$(realpath "$1")
work=${2:-/tmp/sipfo-bench}
size=${SIPFO_BENCH_MIB:-512}
runs=${SIPFO_BENCH_RUNS:-5}
densities=${SIPFO_BENCH_DENSITIES:-sparse dns}
baseline=${SIPFO_BENCH_BASELINE:+$(realpath "$SIPFO_BENCH_BASELINE")}
here=$(dirname "$(realpath "$0")")
source "$here/bench_log.sh"
mkdir -p "$work"
if [ "${SIPFO_BENCH_KEEP:-0}" != 1 ]; then
  trap 'rm -rf "$work"/sparse "$work"/dns "$work"/out.txt "$work"/time.txt' EXIT
fi

# run_once COMMAND...: runs it with stdout to a file (GNU grep stops at the first match
# when its output is /dev/null, which would make it look instantaneous) and prints
# "WALL_SECONDS CPU_SECONDS PEAK_RSS_KIB".
run_once() {
  local start end
  start=$EPOCHREALTIME
  /usr/bin/time -o "$work/time.txt" -f '%U %S %M' "$@" >"$work/out.txt" 2>/dev/null || true
  end=$EPOCHREALTIME
  local user sys rss
  # The last line: time(1) puts "Command exited with non-zero status N" first.
  read -r user sys rss < <(tail -n 1 "$work/time.txt")
  awk -v s="$start" -v e="$end" -v u="$user" -v y="$sys" -v r="$rss" 'BEGIN { printf "%.3f %.2f %d\n", e - s, u + y, r }'
}

# median VALUE...: the middle value (the lower of the two middle ones for an even count).
median() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# compare LABEL TARGET PEER_COMMAND -- SIPFO_ARGUMENTS...: one row per sipfo binary.
compare() {
  local label=$1 target=$2
  shift 2
  local peer=()
  while [ "$1" != "--" ]; do
    peer+=("$1")
    shift
  done
  shift
  local peer_wall=() peer_cpu=() new_wall=() new_cpu=() new_rss=0 old_wall=() old_cpu=() old_rss=0
  local wall cpu rss r
  for ((r = 0; r < runs; r++)); do
    read -r wall cpu rss < <(run_once "${peer[@]}")
    peer_wall+=("$wall") peer_cpu+=("$cpu")
    read -r wall cpu rss < <(run_once "$binary" parse-log --color=never "$@")
    new_wall+=("$wall") new_cpu+=("$cpu")
    ((rss > new_rss)) && new_rss=$rss
    if [ -n "$baseline" ]; then
      read -r wall cpu rss < <(run_once "$baseline" parse-log --color=never "$@")
      old_wall+=("$wall") old_cpu+=("$cpu")
      ((rss > old_rss)) && old_rss=$rss
    fi
  done
  local p pc
  p=$(median "${peer_wall[@]}")
  pc=$(median "${peer_cpu[@]}")
  row "$label" "$p" "$(median "${new_wall[@]}")" "$pc" "$(median "${new_cpu[@]}")" "$new_rss" "$target"
  if [ -n "$baseline" ]; then
    row "  (baseline binary)" "$p" "$(median "${old_wall[@]}")" "$pc" "$(median "${old_cpu[@]}")" "$old_rss" ""
  fi
}

# row LABEL PEER_WALL SIPFO_WALL PEER_CPU SIPFO_CPU SIPFO_RSS_KIB TARGET
row() {
  awk -v l="$1" -v p="$2" -v s="$3" -v pc="$4" -v sc="$5" -v r="$6" -v t="$7" 'BEGIN {
    printf "%-24s %7.3f %7.3f %6.2fx %7.2f %7.2f %6.2fx %7.1f  %s\n", l, p, s, (p > 0 ? s / p : 0), pc, sc,
      (pc > 0 ? sc / pc : 0), r / 1024, t }'
}

echo "sipfo: $binary${baseline:+ (baseline: $baseline)}"
echo "cores: $(nproc); runs per command: $runs (median, interleaved); size: $size MiB per log"
for density in $densities; do
  log=$(bench_log "$work" "$density" "$size")
  dir=$(dirname "$log")
  many=()
  for i in 1 2 3 4; do
    ln -f "$log" "$dir/00907abe00a$i-app.log"
    many+=("$dir/00907abe00a$i-app.log")
  done
  cat "$log" "$log.gz" >/dev/null # warm the page cache: every tool reads from memory
  echo
  echo "== $density: $(stat -c %s "$log") bytes, $(wc -l <"$log") lines, $(grep -c '|dns' "$log") with '|dns'," \
    "$(grep -c 'Initial log entry' "$log") boot markers; .gz $(stat -c %s "$log.gz") bytes"
  printf '%-24s %7s %7s %7s %7s %7s %7s %7s  %s\n' "work" "peer s" "sipfo s" "ratio" "peer cpu" "sipfo cpu" "ratio" "RSS MiB" "target"
  compare "1 file vs grep -c" "<= 1.5x" grep -c '|dns' "$log" -- "$log"
  compare ".gz vs zgrep -c" "<= 1.2x" zgrep -c '|dns' "$log.gz" -- "$log.gz"
  compare "4 files vs grep -c" "scales with cores" grep -c '|dns' "${many[@]}" -- "${many[@]}"
done
