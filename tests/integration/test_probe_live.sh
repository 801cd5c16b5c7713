#!/usr/bin/env bash
# `sipfo probe` as a person at a terminal and a monitor see it (issue 11,
# design §4): every requested target is counted (a name that does not resolve
# is `unknown`, never a false OK); a bad target is exit 3 before any DNS query
# or SIP request; on a TTY (script(1) gives the run a pseudo-terminal) the
# header and each row show up while a silent server is still being waited
# for, with a progress line counting down to Timer F; Ctrl-C prints what is
# known, marks the rest interrupted and exits 130; --watch stops at once on
# Ctrl-C; --sip-trace shows every message with its ends and never the
# password; --source, --from and --user-agent reach the server.
# Peers on 127.0.53.x: SIPp answering 200, a SIPp digest registrar, silent UDP
# peers that log what reaches them (and from where). Names resolve through
# --zone only: the machine's resolver is never asked.
# Usage: test_probe_live.sh SIPFO_BINARY SOURCE_DIR
set -euo pipefail
source "$(dirname "$0")/lib/sip_peers.sh"
peers_init
SIPFO="$1"
need_tool script bsdutils

start_sipp uas_200.xml 127.0.53.1 5060 udp
start_sipp uas_digest.xml 127.0.53.2 5060 udp
start_silent_udp 127.0.53.3 5060 "$PEER_DIR/silent.log"
start_silent_udp 127.0.53.4 5353 "$PEER_DIR/dns.log"   # a DNS server that logs every query
start_silent_udp 127.0.53.6 5060 "$PEER_DIR/acl.log"   # sees where the probes come from
password=sipfo-test-pw
pwfile="$PEER_DIR/password"
printf '%s\n' "$password" >"$pwfile"
chmod 600 "$pwfile"
zone="$PEER_DIR/test.zone"
printf '$ORIGIN test.\n$TTL 60\n@ IN SOA ns admin 1 3600 600 86400 60\n@ IN NS ns\nns IN A 127.0.53.4\n' >"$zone"

# run_tty OUT PIDFILE COMMAND...: runs COMMAND on a pseudo-terminal (script),
# in the background; its screen goes to OUT, its PID to PIDFILE.
run_tty() {
  local out="$1" pidfile="$2"
  shift 2
  local command
  command="echo \$\$ >'$pidfile'; exec $(printf '%q ' "$@")"
  script -qfec "$command" /dev/null >"$out" 2>&1 &
  TTY_PID=$!
}
# wait_for FILE PATTERN: until FILE holds PATTERN (10 s at most); "yes" or "no".
wait_for() {
  local i
  for i in $(seq 1 200); do
    grep -q -- "$2" "$1" 2>/dev/null && { echo yes; return; }
    sleep 0.05
  done
  echo no
}

# 1. A name that does not resolve is counted: 1/2 up, WARNING, exit 1, in
#    every format (before: "OK - 1/1 up", exit 0). The nagios checks read the
#    state and the count only, not the check's name or the perfdata.
both=(--target 127.0.53.1 --target nosuch.test --zone "$zone")
set +e
nagios="$("$SIPFO" probe "${both[@]}" --format=nagios)"
rc_nagios=$?
text="$("$SIPFO" probe "${both[@]}" --color never)"
rc_text=$?
json="$("$SIPFO" probe "${both[@]}" --json)"
rc_json=$?
set -e
check "nagios: the unresolved target is counted, not OK" "$(printf '%s\n' "$nagios" | grep -c '^[A-Z ]* WARNING - 1/2 up.*active 127.0.53.1:5060/udp')" 1
check "nagios: exit 1" "$rc_nagios" 1
check "text: the unresolved target's row" "$(printf '%s\n' "$text" | grep -c '^  2:1 *nosuch.test:5060/udp *unknown (no address) *- ')" 1
check "text: its finding" "$(printf '%s\n' "$text" | grep -c 'error *name_missing: --target nosuch.test: no address')" 1
check "text: verdict WARNING 1/2" "$(printf '%s\n' "$text" | grep -c '^;; WARNING: 1/2 up (1 unknown)')" 1
check "text: exit 1" "$rc_text" 1
check "json: status unknown, not_probed no_address, address null" \
  "$(printf '%s' "$json" | jq -r '.candidates[1] | "\(.status) \(.not_probed) \(.address) \(.target)"')" "unknown no_address null nosuch.test"
check "json: summary and exit_status" "$(printf '%s' "$json" | jq -r '"\(.summary.up) \(.summary.unknown) \(.exit_status)"')" "1 1 1"
check "json: exit 1" "$rc_json" 1
set +e
"$SIPFO" probe --target nosuch.test --zone "$zone" --format=nagios >"$PEER_DIR/none" 2>&1
rc=$?
set -e
check "only an unresolved target: CRITICAL, exit 2" "$(grep -c '^[A-Z ]* CRITICAL - 0/1 up' "$PEER_DIR/none") $rc" "1 2"

# 2. Bad target syntax: FILE:LINE or the option, exit 3, and nothing sent,
#    neither a DNS query nor a SIP request.
printf 'sip.test\n127.0.53.3\nfoo bar\n' >"$PEER_DIR/targets"
set +e
"$SIPFO" probe --targets-file "$PEER_DIR/targets" --dns-server 127.0.53.4:5353 2>"$PEER_DIR/err" >/dev/null
rc_file=$?
"$SIPFO" probe --target sip.test --target 127.0.53.3 --target 300.0.0.1 --dns-server 127.0.53.4:5353 \
  2>"$PEER_DIR/err2" >/dev/null
rc_option=$?
set -e
check "targets file 'foo bar': FILE:LINE: what (hint)" \
  "$(grep -c "^sipfo: $PEER_DIR/targets:3: target 'foo bar': character 4 of the host is not allowed in a host name (.*)$" "$PEER_DIR/err")" 1
check "targets file: exit 3" "$rc_file" 3
check "--target 300.0.0.1: named, exit 3" \
  "$(grep -c "^sipfo: --target '300.0.0.1': '300.0.0.1' is not an IPv4 address" "$PEER_DIR/err2") $rc_option" "1 3"
sleep 0.2
check "no DNS query went out" "$(wc -l <"$PEER_DIR/dns.log")" 0
check "no SIP request went out" "$(wc -l <"$PEER_DIR/silent.log")" 0

# 3. On a terminal: the header and the answered row appear while the silent
#    server is still waited for, with the progress line; Ctrl-C then prints
#    the table (ordered), marks the silent one interrupted, exits 130.
run_tty "$PEER_DIR/tty" "$PEER_DIR/tty.pid" "$SIPFO" probe --target 127.0.53.3 --target 127.0.53.1 --color never
check "TTY: the header shows at once" "$(wait_for "$PEER_DIR/tty" '^;; SIP: OPTIONS; T1 500 ms, Timer F 32 s')" yes
check "TTY: the answered row shows before the run ends" "$(wait_for "$PEER_DIR/tty" '^  2:1  127.0.53.1:5060/udp  up  OPTIONS 200 OK')" yes
check "TTY: the progress line counts down to Timer F" "$(wait_for "$PEER_DIR/tty" 'sipfo: probing: 1/2 done, 1 waiting (at most [0-9]* s more, Timer F)')" yes
check "TTY: still running (the silent server has 30 s left)" "$(kill -0 "$(cat "$PEER_DIR/tty.pid")" && echo running)" running
kill -INT "$(cat "$PEER_DIR/tty.pid")"
set +e
wait "$TTY_PID"
rc=$?
set -e
screen="$(tr -d '\r' <"$PEER_DIR/tty")"
check "Ctrl-C: exit 130" "$rc" 130
check "Ctrl-C: the silent target is unknown (interrupted), in the ordered table" \
  "$(printf '%s\n' "$screen" | grep -c '^  1:1 *127.0.53.3:5060/udp *unknown (interrupted) *- ')" 1
check "Ctrl-C: what is known is kept" "$(printf '%s\n' "$screen" | grep -c '^  2:1 *127.0.53.1:5060/udp *up *200 OK')" 1
check "Ctrl-C: no active server while a preferred one was cut short" \
  "$(printf '%s\n' "$screen" | grep -c '^;; INTERRUPTED: .*, no active server;')" 1
check "Ctrl-C: the verdict says interrupted" "$(printf '%s\n' "$screen" | grep -c '^;; INTERRUPTED: 1/2 up (1 unknown)')" 1
check "Ctrl-C: the live rows were erased before the table (cursor up 1 line, clear)" \
  "$(grep -c $'\x1b\\[1F\x1b\\[J' "$PEER_DIR/tty")" 1
# The progress line is erased after its last drawing: no "probing:" after the last erase.
check "Ctrl-C: the progress line is cleared" \
  "$(awk 'BEGIN { RS = "\033\\[K" } END { print (index($0, "probing:") ? "left" : "cleared") }' "$PEER_DIR/tty")" cleared

# Ctrl-C with --json off a terminal: the document, with the interrupted target.
# The signal goes once the trace shows the answering server's response: the
# probe (and its handler) is running and what it will report is known. A fixed
# sleep raced a slow start under a sanitizer, and a background job starts with
# SIGINT ignored, so an early Ctrl-C was lost.
"$SIPFO" probe --target 127.0.53.3 --target 127.0.53.1 --json --sip-trace >"$PEER_DIR/json" 2>"$PEER_DIR/json-trace" &
pid=$!
check "Ctrl-C --json: the answering server's response came in" \
  "$(wait_for "$PEER_DIR/json-trace" '  received  UDP 127.0.53.1:5060 ')" yes
kill -INT "$pid"
set +e
wait "$pid"
rc=$?
set -e
check "Ctrl-C --json: exit 130 and the document" \
  "$(jq -r '"\(.exit_status) \(.candidates[0].not_probed) \(.candidates[1].status)"' "$PEER_DIR/json") $rc" "130 interrupted up 130"

# SIGTERM (a service manager stopping it) is handled the same way: 128 + 15.
# The trace's first "sent" line shows the probe (and its signal handling) has
# started: a fixed sleep was too short under a sanitizer.
"$SIPFO" probe --target 127.0.53.3 --format=nagios --sip-trace >"$PEER_DIR/term" 2>"$PEER_DIR/term-trace" &
pid=$!
for _ in $(seq 100); do
  grep -q '  sent  UDP ' "$PEER_DIR/term-trace" 2>/dev/null && break
  sleep 0.1
done
kill -TERM "$pid"
set +e
wait "$pid"
rc=$?
set -e
check "SIGTERM: exit 143 and the nagios line (UNKNOWN: nothing finished)" \
  "$rc $(grep -c '^[A-Z ]* UNKNOWN - 0/1 up' "$PEER_DIR/term")" "143 1"

# 4. --watch: Ctrl-C in the first round (a silent server, Timer F 32 s)
#    stops it at once: exit 130 and the round's table.
"$SIPFO" probe --target 127.0.53.3 --watch 1m --color never --sip-trace >"$PEER_DIR/watch" 2>"$PEER_DIR/watch-trace" &
pid=$!
check "watch: the first request went out" "$(wait_for "$PEER_DIR/watch-trace" '  sent  UDP ')" yes
t0=$(date +%s%N)
kill -INT "$pid"
set +e
wait "$pid"
rc=$?
set -e
waited_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
# Timer F is 31 s away: not waiting for it is what counts (half of it is the line).
check "watch: Ctrl-C in a round ends it without waiting for Timer F (${waited_ms} ms, not 31 s)" \
  "$rc $([ "$waited_ms" -lt 15000 ] && echo soon || echo late)" "130 soon"
check "watch: the cut round is shown with the target interrupted" "$(grep -c 'unknown (interrupted)' "$PEER_DIR/watch")" 1

# A later round cut short is dropped with a note; the status is the last
# complete round's (2: the silent server is down). Timer F 2 s, a round every 2 s.
"$SIPFO" probe --target 127.0.53.3 --timeout 2s --watch 2s --json-lines >"$PEER_DIR/watch2" 2>"$PEER_DIR/watch2.err" &
pid=$!
check "watch: round 1 ends by Timer F" "$(wait_for "$PEER_DIR/watch2" '"round":1')" yes
sleep 0.5
kill -INT "$pid"
set +e
wait "$pid"
rc=$?
set -e
check "watch: Ctrl-C in round 2 keeps round 1's status and says round 2 was cut" \
  "$rc $(grep -c '^sipfo: interrupted; round 2 was cut short and is not shown$' "$PEER_DIR/watch2.err") $(wc -l <"$PEER_DIR/watch2")" "2 1 1"

# 5. --sip-trace (-v) from --source, with --from and --user-agent: every
#    message with time, transport, both ends; the server sees the source.
set +e
"$SIPFO" probe --target 127.0.53.2 --user 1512 --domain sipfo.test --password-file "$pwfile" -v \
  --source 127.0.53.5 --from sip:acl-check@sipfo.test --user-agent 'PolycomSpectraLink/4.0' --color never \
  >"$PEER_DIR/trace-out" 2>"$PEER_DIR/trace"
rc=$?
set -e
check "trace: exit 0 (digest registrar up and registered)" "$rc" 0
check "trace: 2 OPTIONS/REGISTER sent, 1 REGISTER with credentials" \
  "$(grep -c '^;; [0-9T:.-]*Z  sent  UDP 127.0.53.5:[0-9]* -> 127.0.53.2:5060  ([0-9]* bytes)$' "$PEER_DIR/trace")" 3
check "trace: 3 responses received at the source" \
  "$(grep -c '^;; [0-9T:.-]*Z  received  UDP 127.0.53.2:5060 -> 127.0.53.5:[0-9]*  ([0-9]* bytes)$' "$PEER_DIR/trace")" 3
check "trace: the 401 and its challenge" "$(grep -c '^WWW-Authenticate: Digest realm="sipfo.test"' "$PEER_DIR/trace")" 1
check "trace: the Authorization header is shown" "$(grep -c '^Authorization: Digest username="1512"' "$PEER_DIR/trace")" 1
check "trace: From of the OPTIONS is --from" "$(grep -c '^From: <sip:acl-check@sipfo.test>;tag=' "$PEER_DIR/trace")" 2
check "trace: User-Agent on every request" "$(grep -c '^User-Agent: PolycomSpectraLink/4.0$' "$PEER_DIR/trace")" 3
check "trace: stdout keeps the table" "$(grep -c '^  1:1 *127.0.53.2:5060/udp *\* up' "$PEER_DIR/trace-out")" 1
check "header: the settings an SBC looks at, as given" \
  "$(grep -c '^;; Sent as: source 127.0.53.5, From sip:acl-check@sipfo.test, User-Agent "PolycomSpectraLink/4.0"$' "$PEER_DIR/trace-out")" 1
"$SIPFO" probe --target 127.0.53.6 --source 127.0.53.5:5099 --t1 100ms --timeout 300ms -v >/dev/null \
  2>"$PEER_DIR/acl-trace" || true
check "--source ADDR:PORT: the server sees the requests come from that address" \
  "$(awk '{print $2}' "$PEER_DIR/acl.log" | sort -u | tr '\n' ' ')" "127.0.53.5 "
check "--source ADDR:PORT: and from that port" \
  "$(grep -c '^;; .*  sent\( again (retransmission)\)\?  UDP 127.0.53.5:5099 -> 127.0.53.6:5060 ' "$PEER_DIR/acl-trace") $(wc -l <"$PEER_DIR/acl.log")" \
  "$(wc -l <"$PEER_DIR/acl.log") $(wc -l <"$PEER_DIR/acl.log")"
check "--source ADDR:PORT: Via carries it" "$(grep -c '^Via: SIP/2.0/UDP 127.0.53.5:5099;' "$PEER_DIR/acl-trace")" "$(wc -l <"$PEER_DIR/acl.log")"
set +e
"$SIPFO" probe --target 127.0.53.1 --source 192.0.2.1 2>"$PEER_DIR/err" >/dev/null
rc=$?
set -e
check "--source not of this machine: exit 3 before sending" \
  "$rc $(grep -c "^sipfo: --source '192.0.2.1': the source address is not one of this machine's" "$PEER_DIR/err")" "3 1"

# 6. The password in no mode: trace (text, json, nagios, json-lines), and
#    on a terminal with colour.
all="$(cat "$PEER_DIR/trace" "$PEER_DIR/trace-out")"
account=(--target 127.0.53.2 --user 1512 --domain sipfo.test --password-file "$pwfile")
for mode in --json --json-lines "--format=nagios" "--color=always"; do
  all="$all$("$SIPFO" probe "${account[@]}" --sip-trace "$mode" 2>&1 || true)"
done
run_tty "$PEER_DIR/tty2" "$PEER_DIR/tty2.pid" "$SIPFO" probe "${account[@]}" -v
set +e
wait "$TTY_PID"
set -e
all="$all$(cat "$PEER_DIR/tty2")"
check "TTY trace is coloured" "$(grep -c $'\x1b\\[' "$PEER_DIR/tty2" | awk '{print ($1 > 0) ? "yes" : "no"}')" yes
check "every mode traced the Authorization header" "$(printf '%s\n' "$all" | grep -c '^Authorization: Digest\|Authorization: Digest username')" 6
no_secret "the password in no output mode, traced or not" "$password" "$all"

finish
