#!/usr/bin/env bash
# Output fits the terminal (issue 14 row 7): in a pseudo-terminal of N columns
# (script(1), stty cols N) table columns shrink and long cells end in "...", so
# no line is wider than N (80 at least); piped, the rows stay whole for scripts.
# Usage: test_width.sh SIPFO_BINARY SOURCE_DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/lib/cleanup.sh"
source "$here/lib/sip_peers.sh"
SIPFO="$1"
SOURCE_DIR="$2"
command -v script >/dev/null || { echo "script(1) is missing (bsdutils)"; exit 1; }
export LC_ALL=C.UTF-8
cd "$SOURCE_DIR" # a relative scenario path: the header line quotes it
scenario=fixtures/scenarios/design-example.toml

# in_pty COLUMNS ARGS...: sipfo's output in a terminal that many columns wide.
in_pty() {
  local columns=$1
  shift
  local command="stty cols $columns rows 60; exec $(printf '%q ' "$SIPFO" "$@")"
  timeout 60 script -q -e -c "$command" /dev/null | tr -d '\r'
}
widest() { wc -L | tr -d ' '; }

piped=$("$SIPFO" replay "$scenario" --width 20 --color=never || true)
piped_widest=$(printf '%s\n' "$piped" | widest)
check "piped, the timeline keeps whole rows (wider than 100)" "$([ "$piped_widest" -gt 100 ] && echo yes || echo "no: $piped_widest")" yes

for columns in 100 120; do
  out=$(in_pty "$columns" replay "$scenario" --width 20 --color=never || true)
  check "$columns columns: the timeline is there" "$(printf '%s\n' "$out" | grep -c '^0:15:32.0  failover' || true)" 1
  w=$(printf '%s\n' "$out" | widest)
  check "$columns columns: no line wider ($w)" "$([ "$w" -le "$columns" ] && echo yes || echo no)" yes
  check "$columns columns: long notes are elided" "$([ "$(printf '%s\n' "$out" | grep -c '\.\.\.$' || true)" -gt 0 ] && echo yes || echo no)" yes
done

# A terminal narrower than 80 columns still gets 80: the minimum (the table's
# rows, which start with the time; a few summary lines run to 84).
out=$(in_pty 60 replay "$scenario" --width 20 --color=never || true)
w=$(printf '%s\n' "$out" | grep '^[0-9]:[0-9][0-9]:' | widest)
check "60 columns: timeline rows are cut at 80, the minimum ($w)" "$([ "$w" -le 80 ] && [ "$w" -gt 60 ] && echo yes || echo no)" yes

# probe, the issue's own example (rows and findings past the edge): closed
# loopback ports answer at once (ICMP port unreachable, TCP refused).
targets=(--target 127.0.0.1:5999 --target 127.0.0.2:5999/tcp --target 127.0.0.3:5999 --target 127.0.0.4:5999/tcp)
piped=$("$SIPFO" probe "${targets[@]}" --color=never || true)
w=$(printf '%s\n' "$piped" | widest)
check "probe piped: findings keep whole lines (wider than 90: $w)" "$([ "$w" -gt 90 ] && echo yes || echo no)" yes
for columns in 80 90; do
  out=$(in_pty "$columns" probe "${targets[@]}" --color=never || true)
  # The final table and findings; the live rows before them carry cursor escapes.
  final=$(printf '%s\n' "$out" | grep -v $'\e' || true)
  check "probe at $columns columns: all four findings are there" "$(printf '%s\n' "$final" | grep -c 'sip_transport_failure' || true)" 4
  check "probe at $columns columns: wrapped words are kept" "$(printf '%s\n' "$final" | grep -c 'for the OPTIONS)' || true)" 4
  w=$(printf '%s\n' "$final" | widest)
  check "probe at $columns columns: no line wider ($w)" "$([ "$w" -le "$columns" ] && echo yes || echo no)" yes
done
finish
