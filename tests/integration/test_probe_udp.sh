#!/usr/bin/env bash
# `sipfo probe` over UDP against real peers on 127.0.51.x: SIPp answering 200, a
# digest registrar (right and wrong password), REGISTER 404, REGISTER 403, 503
# with Retry-After, a silent server, a closed port; the status of each per seed
# 001 "Call server status", the active server, the exit status (design §4), each
# output mode (text, --json, --json-lines, --format=nagios, --watch), and that
# the password never shows up in any of them.
# Usage: test_probe_udp.sh SIPFO_BINARY SOURCE_DIR
set -euo pipefail
source "$(dirname "$0")/lib/sip_peers.sh"
peers_init
SIPFO="$1"

start_sipp uas_200.xml 127.0.51.1 5060 udp
start_sipp uas_digest.xml 127.0.51.2 5060 udp
start_sipp uas_register_404.xml 127.0.51.3 5060 udp
start_sipp uas_register_403.xml 127.0.51.4 5060 udp
start_sipp uas_503.xml 127.0.51.5 5060 udp
start_silent_udp 127.0.51.6 5060 "$PEER_DIR/silent.log"
# 127.0.51.7:5060 stays closed: the kernel answers ICMP port unreachable.

targets=(--target 127.0.51.2:5060/udp --target 127.0.51.1:5060 --target 127.0.51.3:5060/udp
         --target 127.0.51.4:5060/udp --target 127.0.51.5:5060/udp --target 127.0.51.6:5060/udp
         --target 127.0.51.7:5060/udp)
password=sipfo-test-pw

# 1. OPTIONS only (no --user): up / down, who sent the code. T1 100 ms keeps
#    Timer F at 6.4 s for the silent server.
set +e
out="$("$SIPFO" probe "${targets[@]}" --t1 100ms --json)"
rc=$?
set -e
check "200 server up" "$(field "$out" 127.0.51.1 5060 udp .status)" up
check "404-to-REGISTER server still up by OPTIONS" "$(field "$out" 127.0.51.3 5060 udp .status)" up
check "503 server down" "$(field "$out" 127.0.51.5 5060 udp .status)" down
check "503 is the server's, with Retry-After" "$(field "$out" 127.0.51.5 5060 udp '.options | "\(.code) \(.local) \(.retry_after_s)"')" "503 false 120"
check "silent server down by timeout" "$(field "$out" 127.0.51.6 5060 udp '.options | "\(.code) \(.local)"')" "408 true"
check "silent server: 7 sends with T1=100ms (0 .1 .3 .7 1.5 3.1 6.3)" "$(field "$out" 127.0.51.6 5060 udp .options.sends)" 7
check "closed port down at once by local 503" "$(field "$out" 127.0.51.7 5060 udp '.options | "\(.code) \(.local) \(.reason) \(.rtt_ms < 1000)"')" "503 true ICMP port unreachable true"
check "active = most preferred up (rank 1, the digest registrar answers OPTIONS)" "$(field "$out" 127.0.51.2 5060 udp .active)" true
check "top-level active" "$(printf '%s' "$out" | jq -r .active)" 127.0.51.2:5060/udp
check "JSON: command, exit_status, summary" "$(printf '%s' "$out" | jq -r '"\(.command) \(.exit_status) \(.summary.up) \(.summary.down)"')" "probe 1 4 3"
check "findings: server error, no response, transport failure" \
  "$(printf '%s' "$out" | jq -r '[.findings[].code] | sort | unique | join(" ")')" "sip_no_response sip_server_error sip_transport_failure"
check "exit 1: active server, some candidates down" "$rc" 1
check "silent server's log has 7 datagrams" "$(wc -l <"$PEER_DIR/silent.log")" 7
# RFC 3261 17.1.2.2 instants, measured at the server (+-60 ms of scheduling slack).
arrivals="$(awk '{print $1}' "$PEER_DIR/silent.log" | tr '\n' ' ')"
within=$(awk -v got="$arrivals" 'BEGIN { split("0 100 300 700 1500 3100 6300", want, " "); n = split(got, have, " ");
  ok = (n == 7); for (i = 1; i <= n && ok; i++) { d = have[i] - want[i]; if (d < -60 || d > 60) ok = 0 } print ok ? "yes" : "no" }')
check "retransmissions arrive at 0, 0.1, 0.3, 0.7, 1.5, 3.1, 6.3 s (got $arrivals)" "$within" yes

# 2. With --user and the right password: REGISTER decides failed / active.
#    Every output mode; none may contain the password.
pwfile="$PEER_DIR/password"
printf '%s\n' "$password" >"$pwfile"
chmod 600 "$pwfile" # others may not read it (sipfo warns otherwise)
fast=(--target 127.0.51.2:5060/udp --target 127.0.51.1:5060 --target 127.0.51.3:5060/udp
      --target 127.0.51.4:5060/udp --target 127.0.51.5:5060/udp --target 127.0.51.7:5060/udp)
account=(--user 1512 --domain sipfo.test --password-file "$pwfile")
set +e
out="$("$SIPFO" probe "${fast[@]}" "${account[@]}" --json 2>"$PEER_DIR/err")"
rc=$?
set -e
check "digest registrar: 200 after the challenge" "$(field "$out" 127.0.51.2 5060 udp '.register | "\(.code) \(.credentials_sent)"')" "200 true"
check "digest registrar is active" "$(field "$out" 127.0.51.2 5060 udp .active)" true
check "REGISTER 404 -> failed" "$(field "$out" 127.0.51.3 5060 udp .status)" failed
check "REGISTER 403 -> failed" "$(field "$out" 127.0.51.4 5060 udp .status)" failed
check "200 server registered, up, not active (rank 2)" "$(field "$out" 127.0.51.1 5060 udp '"\(.status) \(.active) \(.register.code)"')" "up false 200"
check "register_rejected findings for 404 and 403" "$(printf '%s' "$out" | jq -r '[.findings[] | select(.code == "register_rejected")] | length')" 2
check "exit 1 with --user" "$rc" 1
all="$out$(cat "$PEER_DIR/err")"

set +e
text="$("$SIPFO" probe "${fast[@]}" "${account[@]}" --color never 2>&1)"
rc_text=$?
nagios="$("$SIPFO" probe "${fast[@]}" "${account[@]}" --format nagios 2>&1)"
rc_nagios=$?
lines="$("$SIPFO" probe "${fast[@]}" "${account[@]}" --json-lines 2>&1)"
argv_out="$("$SIPFO" probe "${fast[@]}" --user 1512 --domain sipfo.test --password "$password" 2>&1)"
rc_argv=$?
set -e
all="$all$text$nagios$lines$argv_out"
check "text: the active row" "$(printf '%s\n' "$text" | grep -c '^  1:1 *127.0.51.2:5060/udp *\* up *200 OK')" 1
check "text: the server's 503 with Retry-After" "$(printf '%s\n' "$text" | grep -c '503 Service Unavailable (server, Retry-After 120 s)')" 1
check "text: the local 503" "$(printf '%s\n' "$text" | grep -c '503 (local: ICMP port unreachable)')" 1
check "text: verdict" "$(printf '%s\n' "$text" | grep -c '^;; WARNING: 2/6 up (2 down, 2 failed), active 127.0.51.2:5060/udp')" 1
check "text: exit 1" "$rc_text" 1
check "nagios: WARNING naming the servers not up, perfdata" "$(printf '%s\n' "$nagios" | head -n 1 | grep -c "^SIP WARNING - 2/6 up (2 down, 2 failed), active 127.0.51.2:5060/udp; 127.0.51.3:5060/udp failed, 127.0.51.4:5060/udp failed, 127.0.51.5:5060/udp down, 127.0.51.7:5060/udp down | 'up'=2;;;0;6 'down'=2;;;0;6 'failed'=2;;;0;6 'unknown'=0;;;0;6 'rtt_127.0.51.2:5060/udp'=[0-9]*ms;;;0 ")" 1
check "nagios: a long-output line per candidate" "$(printf '%s\n' "$nagios" | grep -c '^[0-9]:[0-9] 127\.0\.51\.[0-9]:5060/udp ')" 6
check "nagios: exit 1" "$rc_nagios" 1
check "json-lines: one object per candidate" "$(printf '%s\n' "$lines" | jq -r '.candidate.status' | sort | uniq -c | awk '{printf "%s%s ", $1, $2}')" "2down 2failed 2up "
check "--password works" "$rc_argv" 1
check "--password warns on stderr" "$(printf '%s\n' "$argv_out" | grep -c 'warning: --password is visible to other users')" 1
no_secret "password in no output mode (json, text, nagios, json-lines, --password)" "$password" "$all"

# 3. Wrong password from the environment: the registrar says 403 -> failed;
#    the 200 server (rank 2) becomes the active one.
set +e
out="$(SIPFO_PASSWORD=not-the-password "$SIPFO" probe "${fast[@]}" --user 1512 --json 2>&1)"
set -e
check "wrong password -> failed" "$(field "$out" 127.0.51.2 5060 udp '"\(.status) \(.register.code) \(.register.credentials_sent)"')" "failed 403 true"
check "next preferred registered server is active" "$(field "$out" 127.0.51.1 5060 udp .active)" true
no_secret "wrong password not in the output" not-the-password "$out"

# 4. No password at all: the challenge ends the REGISTER as failed.
set +e
out="$(env -u SIPFO_PASSWORD "$SIPFO" probe --target 127.0.51.2:5060 --user 1512 --json 2>&1)"
rc=$?
set -e
check "401 without a password -> failed" "$(field "$out" 127.0.51.2 5060 udp '"\(.status) \(.register.code) \(.register.credentials_sent)"')" "failed 401 false"
check "register_no_password finding" "$(printf '%s' "$out" | jq -r '[.findings[].code] | join(" ")')" register_no_password
check "no active server: exit 2" "$rc" 2

# 5. Only the good server, with --user, targets from a file: exit 0.
printf '# the lab registrar\n\n  127.0.51.2:5060/udp   # digest\n' >"$PEER_DIR/targets"
set +e
out="$(SIPFO_PASSWORD="$password" "$SIPFO" probe --targets-file "$PEER_DIR/targets" --user 1512 --format nagios)"
rc=$?
set -e
check "exit 0: active server and every candidate up" "$rc" 0
check "nagios OK line" "$(printf '%s\n' "$out" | grep -c '^SIP OK - 1/1 up, active 127.0.51.2:5060/udp |')" 1

# 6. A bad line in the targets file: FILE:LINE, exit 3, and nagios says UNKNOWN.
printf '127.0.51.2:5060/udp\n127.0.51.9:99999/udp\n' >"$PEER_DIR/bad-targets"
set +e
out="$("$SIPFO" probe --targets-file "$PEER_DIR/bad-targets" --format nagios 2>"$PEER_DIR/err")"
rc=$?
set -e
check "bad targets file: exit 3" "$rc" 3
check "bad targets file: FILE:LINE on stderr" "$(grep -c "^sipfo: $PEER_DIR/bad-targets:2: target '127.0.51.9:99999/udp'" "$PEER_DIR/err")" 1
check "bad targets file: nagios UNKNOWN on stdout" "$(printf '%s\n' "$out" | grep -c '^SIP UNKNOWN - ')" 1

# 7. --watch: a closed port that starts answering between two rounds is one
#    transition (down -> * up); Ctrl-C ends the watch at once and cleanly.
"$SIPFO" probe --target 127.0.51.8:5060/udp --watch 2s --count 2 --json-lines >"$PEER_DIR/watch" 2>&1 &
watcher=$!
# The peer starts only once the first round has reported the port down (a slow
# start, under a sanitizer say, must not let the first round see it up).
for _ in $(seq 100); do
  grep -q '"status":"down"' "$PEER_DIR/watch" 2>/dev/null && break
  sleep 0.1
done
start_sipp uas_200.xml 127.0.51.8 5060 udp
set +e
wait "$watcher"
rc=$?
set -e
check "watch: two transitions (first round, then down -> up)" \
  "$(jq -r '"\(.round):\(.from)->\(.to):\(.candidate.active)"' "$PEER_DIR/watch" | tr '\n' ' ')" "1:null->down:false 2:down->up:true "
check "watch: exit status of the last round" "$rc" 0

python3 -c 'import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])' \
  "$SIPFO" probe --target 127.0.51.7:5060/udp --watch 60s --color never >"$PEER_DIR/watch-text" 2>&1 &
watcher=$!
for _ in $(seq 1 50); do grep -q '^;; CRITICAL' "$PEER_DIR/watch-text" && break; sleep 0.1; done
t0=$(date +%s%N)
kill -INT "$watcher"
set +e
wait "$watcher"
rc=$?
set -e
waited_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
# Between rounds the next one is 60 s away: not waiting for it is what counts
# (half of it is the line, so a slow machine cannot fail this).
check "Ctrl-C between rounds: ends without waiting for the next round (${waited_ms} ms) with the last round's status" \
  "$rc $([ "$waited_ms" -lt 30000 ] && echo fast || echo slow)" "2 fast"
check "watch text: the first round prints the table" "$(grep -c '^  1:1 *127.0.51.7:5060/udp *down' "$PEER_DIR/watch-text")" 1

finish
