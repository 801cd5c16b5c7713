#!/usr/bin/env bash
# Same output as before (issue 12): a speed change to parse-log must not change a byte
# of what it prints. Runs BINARY and BASELINE (an earlier build, e.g. main's) over the
# bench logs of both densities (generate_applog.py, as parse_log_bench.sh makes them)
# and their .gz, in every output mode, and compares the outputs and exit statuses.
#
#   tests/bench/parse_log_identity.sh BINARY BASELINE [WORKDIR]
#
# Environment:
#   SIPFO_BENCH_MIB        size of each generated log in MiB (default 64; the logs of
#                          parse_log_bench.sh in WORKDIR are reused when big enough)
#   SIPFO_BENCH_DENSITIES  which densities (default "sparse dns")
#
# Prints one line per comparison and exits 1 when any differs.
set -euo pipefail
binary=$(realpath "$1")
baseline=$(realpath "$2")
work=${3:-/tmp/sipfo-bench}
size=${SIPFO_BENCH_MIB:-64}
densities=${SIPFO_BENCH_DENSITIES:-sparse dns}
here=$(dirname "$(realpath "$0")")
source "$here/bench_log.sh"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

differ=0
for density in $densities; do
  log=$(bench_log "$work" "$density" "$size")
  for input in "$log" "$log.gz"; do
    for mode in "" "--json" "--explain" "--explain --json"; do
      # shellcheck disable=SC2086 # the mode is zero, one or two words
      status_new=0; "$binary" parse-log $mode "$input" >"$out/new" 2>&1 || status_new=$?
      # shellcheck disable=SC2086
      status_old=0; "$baseline" parse-log $mode "$input" >"$out/old" 2>&1 || status_old=$?
      what="$density $(basename "$input") ${mode:-(text)}"
      if [ "$status_new" = "$status_old" ] && cmp -s "$out/new" "$out/old"; then
        echo "same    $what: md5 $(md5sum <"$out/new" | cut -c1-12), exit $status_new"
      else
        echo "DIFFERS $what: exit $status_new vs $status_old"
        diff "$out/old" "$out/new" | head -n 10 || true
        differ=1
      fi
    done
  done
done
exit "$differ"
