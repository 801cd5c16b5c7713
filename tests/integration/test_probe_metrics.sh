#!/usr/bin/env bash
# `sipfo probe --format=openmetrics` and `--watch --textfile PATH` against real
# peers on loopback (SIPp answering 200, a closed port), checked by Prometheus'
# own `promtool check metrics` (Debian package prometheus): the exposition
# parses and lints clean, the samples say what the peers did, the textfile is
# replaced whole each round with no temporary file left behind.
# Usage: test_probe_metrics.sh SIPFO_BINARY SOURCE_DIR
set -euo pipefail
source "$(dirname "$0")/lib/sip_peers.sh"
peers_init
need_tool promtool prometheus
SIPFO="$1"

start_sipp uas_200.xml 127.0.53.1 5060 udp
# 127.0.53.2:5060 stays closed: ICMP port unreachable, down at once.
targets=(--target 127.0.53.1:5060/udp --target 127.0.53.2:5060/udp)

# 1. One shot, OPTIONS only.
set +e
metrics="$("$SIPFO" probe "${targets[@]}" --format=openmetrics)"
rc=$?
lint="$(printf '%s\n' "$metrics" | promtool check metrics 2>&1)"
lint_rc=$?
set -e
check "promtool check metrics accepts the one-shot output (said: $lint)" "$lint_rc" 0
check "exit 1: one server down" "$rc" 1
check "up server: sipfo_up 1" "$(printf '%s\n' "$metrics" | grep -c '^sipfo_up{target="127.0.53.1:5060",transport="udp",rank="1"} 1$')" 1
check "closed port: sipfo_up 0" "$(printf '%s\n' "$metrics" | grep -c '^sipfo_up{target="127.0.53.2:5060",transport="udp",rank="2"} 0$')" 1
check "the up server is active" "$(printf '%s\n' "$metrics" | grep -c '^sipfo_active{target="127.0.53.1:5060",transport="udp",rank="1"} 1$')" 1
rtt="$(printf '%s\n' "$metrics" | sed -n 's/^sipfo_rtt_seconds{target="127.0.53.1:5060",transport="udp",rank="1"} //p')"
check "rtt in seconds, under one on loopback (got '$rtt')" "$(awk -v v="$rtt" 'BEGIN { print (v != "" && v >= 0 && v < 1) ? "yes" : "no" }')" yes
check "no rtt for sipfo's own 503" "$(printf '%s\n' "$metrics" | grep -c '^sipfo_rtt_seconds{target="127.0.53.2' || true)" 0
check "no REGISTER without --user" "$(printf '%s\n' "$metrics" | grep -c '^sipfo_register_status{' || true)" 0
check "ends with # EOF" "$(printf '%s\n' "$metrics" | tail -n 1)" "# EOF"

# 2. With --user: the REGISTER's status code (SIPp answers 200).
set +e
metrics="$("$SIPFO" probe --target 127.0.53.1:5060/udp --user 1512 --domain sipfo.test --format=openmetrics 2>/dev/null)"
lint="$(printf '%s\n' "$metrics" | promtool check metrics 2>&1)"
lint_rc=$?
set -e
check "promtool accepts the output with REGISTER (said: $lint)" "$lint_rc" 0
check "sipfo_register_status 200" "$(printf '%s\n' "$metrics" | grep -c '^sipfo_register_status{target="127.0.53.1:5060",transport="udp",rank="1"} 200$')" 1

# 3. --watch --textfile: rewritten each round, atomically (rename in the same directory).
textdir="$PEER_DIR/textfile"
mkdir "$textdir"
prom="$textdir/sipfo.prom"
set +e
"$SIPFO" probe "${targets[@]}" --watch 1s --count 3 --json-lines --textfile "$prom" >"$PEER_DIR/watch.out" 2>"$PEER_DIR/watch.err" &
watch_pid=$!
set -e
# The first round's file, before the watch ends (rounds are a second apart).
first_inode=""
for _ in $(seq 1 100); do
  if [ -s "$prom" ]; then first_inode="$(stat -c %i "$prom")"; break; fi
  sleep 0.05
done
set +e
wait "$watch_pid"
watch_rc=$?
lint="$(promtool check metrics <"$prom" 2>&1)"
lint_rc=$?
set -e
check "watch exit 1 (one down)" "$watch_rc" 1
check "the textfile appeared during the first round" "$([ -n "$first_inode" ] && echo yes || echo no)" yes
check "a later round replaced it (new inode: renamed over, not rewritten in place)" \
  "$([ -n "$first_inode" ] && [ "$(stat -c %i "$prom")" != "$first_inode" ] && echo yes || echo no)" yes
check "promtool check metrics accepts the textfile (said: $lint)" "$lint_rc" 0
check "the textfile holds both candidates" "$(grep -c '^sipfo_up{' "$prom")" 2
check "no temporary file left in the directory" "$(ls -A "$textdir")" "sipfo.prom"
check "readable by the collector's user (0644)" "$(stat -c %a "$prom")" 644
check "stdout still carries the json-lines" "$(head -n 1 "$PEER_DIR/watch.out" | jq -r .command)" probe

# 4. Usage errors: a directory that cannot be written, openmetrics with --watch.
set +e
"$SIPFO" probe "${targets[@]}" --textfile "$PEER_DIR/no/such/dir/sipfo.prom" >/dev/null 2>"$PEER_DIR/err"
rc=$?
set -e
check "unwritable --textfile: exit 3" "$rc" 3
check "unwritable --textfile: one line naming the file" "$(grep -c "^sipfo: $PEER_DIR/no/such/dir/sipfo.prom: cannot create the metrics file" "$PEER_DIR/err")" 1
set +e
"$SIPFO" probe "${targets[@]}" --format=openmetrics --watch 1s >/dev/null 2>"$PEER_DIR/err"
rc=$?
set -e
check "--format=openmetrics with --watch: exit 3" "$rc" 3

finish
