#!/usr/bin/env bash
# parse-log benchmark: wall time and peak RSS of `sipfo parse-log` beside
# `grep -c '|dns'` and `wc -l` on the same input, for one file and for 8 files.
# Targets (issue 4): within 1.5x of grep on one file, peak RSS under 32 MiB,
# near-linear speed-up across cores for many files.
#
#   tests/bench/parse_log_bench.sh BINARY [WORKDIR] [SIZE_MIB]
#
# WORKDIR (default /tmp/sipfo-bench) receives a generated ~SIZE_MIB (512) MiB log,
# made at bench time and never committed. Needs /usr/bin/time (Debian package time).
set -euo pipefail
binary=$(realpath "$1")
work=${2:-/tmp/sipfo-bench}
size=${3:-512}
here=$(dirname "$(realpath "$0")")
mkdir -p "$work"
log="$work/00907abe0001-app.log"
if [ ! -s "$log" ] || [ "$(($(stat -c %s "$log") >> 20))" -lt "$size" ]; then
  echo "generating $size MiB log in $log ..." >&2
  python3 "$here/generate_applog.py" "$size" "$log"
fi
many=()
for i in 1 2 3 4 5 6 7 8; do
  ln -sf "$log" "$work/00907abe00$i$i-app.log"
  many+=("$work/00907abe00$i$i-app.log")
done
cat "$log" >/dev/null # warm the page cache: every tool reads from memory

# measure LABEL COMMAND...: prints label, wall seconds, peak RSS in MiB
measure() {
  local label=$1
  shift
  local report
  # Output goes to a file, not /dev/null: GNU grep stops at the first match when its
  # output is /dev/null, which would make it look instantaneous.
  report=$( { /usr/bin/time -v "$@" >"$work/out.txt"; } 2>&1 ) || true
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' <<<"$report")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2 / 1024}' <<<"$report")
  printf '%-34s %12s %10s MiB\n' "$label" "$wall" "$rss"
}

echo "input: $(stat -c %s "$log") bytes, $(wc -l <"$log") lines; cores: $(nproc)"
printf '%-34s %12s %14s\n' "command" "wall (m:ss)" "peak RSS"
measure "grep -c '|dns' (1 file)" grep -c '|dns' "$log"
measure "wc -l (1 file)" wc -l "$log"
measure "sipfo parse-log (1 file)" "$binary" parse-log --color=never "$log"
measure "sipfo parse-log --json (1 file)" "$binary" parse-log --json "$log"
measure "grep -c '|dns' (8 files)" grep -c '|dns' "${many[@]}"
measure "wc -l (8 files)" wc -l "${many[@]}"
measure "sipfo parse-log -j1 (8 files)" "$binary" parse-log -j 1 --color=never "${many[@]}"
measure "sipfo parse-log (8 files, all cores)" "$binary" parse-log --color=never "${many[@]}"
