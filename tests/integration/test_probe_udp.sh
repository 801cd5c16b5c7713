#!/usr/bin/env bash
# probe over UDP against real peers on 127.0.51.x: SIPp answering 200, a digest
# registrar (right and wrong password), REGISTER 404, REGISTER 403, 503 with
# Retry-After, a silent server, a closed port; the status of each per seed 001
# "Call server status", the active server, the exit status (design §4), and
# that the password never shows up in the output.
# Usage: test_probe_udp.sh SIPFO_BINARY SOURCE_DIR
set -euo pipefail
source "$(dirname "$0")/lib/sip_peers.sh"
peers_init
DRIVER="$(probe_driver "$1")"

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
out="$("$DRIVER" "${targets[@]}" --t1 100ms)"
rc=$?
set -e
check "200 server up" "$(field "$out" 127.0.51.1 5060 udp .status)" up
check "404-to-REGISTER server still up by OPTIONS" "$(field "$out" 127.0.51.3 5060 udp .status)" up
check "503 server down" "$(field "$out" 127.0.51.5 5060 udp .status)" down
check "503 is the server's" "$(field "$out" 127.0.51.5 5060 udp '.options | "\(.code) \(.local) \(.retry_after_s)"')" "503 false 120"
check "silent server down by timeout" "$(field "$out" 127.0.51.6 5060 udp '.options | "\(.code) \(.local)"')" "408 true"
check "silent server: 7 sends with T1=100ms (0 .1 .3 .7 1.5 3.1 6.3)" "$(field "$out" 127.0.51.6 5060 udp .options.sends)" 7
check "closed port down at once by local 503" "$(field "$out" 127.0.51.7 5060 udp '.options | "\(.code) \(.local) \(.reason) \(.rtt_ms < 1000)"')" "503 true ICMP port unreachable true"
check "active = most preferred up (P1, the digest registrar answers OPTIONS)" "$(field "$out" 127.0.51.2 5060 udp .active)" true
check "exit 1: active server, some candidates down" "$rc" 1
check "silent server's log has 7 datagrams" "$(wc -l <"$PEER_DIR/silent.log")" 7
# RFC 3261 17.1.2.2 instants, measured at the server (+-60 ms of scheduling slack).
arrivals="$(awk '{print $1}' "$PEER_DIR/silent.log" | tr '\n' ' ')"
within=$(awk -v got="$arrivals" 'BEGIN { split("0 100 300 700 1500 3100 6300", want, " "); n = split(got, have, " ");
  ok = (n == 7); for (i = 1; i <= n && ok; i++) { d = have[i] - want[i]; if (d < -60 || d > 60) ok = 0 } print ok ? "yes" : "no" }')
check "retransmissions arrive at 0, 0.1, 0.3, 0.7, 1.5, 3.1, 6.3 s (got $arrivals)" "$within" yes

# 2. With --user and the right password: REGISTER decides failed / active.
pwfile="$PEER_DIR/password"
printf '%s\n' "$password" >"$pwfile"
set +e
out="$("$DRIVER" "${targets[@]}" --t1 100ms --user 1512 --domain sipfo.test --password-file "$pwfile" 2>&1)"
rc=$?
set -e
check "digest registrar: 200 after the challenge" "$(field "$out" 127.0.51.2 5060 udp '.register | "\(.code) \(.credentials_sent)"')" "200 true"
check "digest registrar is active" "$(field "$out" 127.0.51.2 5060 udp .active)" true
check "REGISTER 404 -> failed" "$(field "$out" 127.0.51.3 5060 udp .status)" failed
check "REGISTER 403 -> failed" "$(field "$out" 127.0.51.4 5060 udp .status)" failed
check "200 server registered, up, not active (P2)" "$(field "$out" 127.0.51.1 5060 udp '"\(.status) \(.active) \(.register.code)"')" "up false 200"
check "exit 1 with --user" "$rc" 1
check "password not in the output" "$(printf '%s' "$out" | grep -c "$password" || true)" 0

# 3. Wrong password from the environment: the registrar says 403 -> failed;
#    the 200 server (P2) becomes the active one.
set +e
out="$(SIPFO_PASSWORD=not-the-password "$DRIVER" "${targets[@]}" --t1 100ms --user 1512 2>&1)"
set -e
check "wrong password -> failed" "$(field "$out" 127.0.51.2 5060 udp '"\(.status) \(.register.code) \(.register.credentials_sent)"')" "failed 403 true"
check "next preferred registered server is active" "$(field "$out" 127.0.51.1 5060 udp .active)" true
check "wrong password not in the output" "$(printf '%s' "$out" | grep -c not-the-password || true)" 0

# 4. Only the good server, with --user: exit 0.
set +e
SIPFO_PASSWORD="$password" "$DRIVER" --target 127.0.51.2:5060 --user 1512 >/dev/null
rc=$?
set -e
check "exit 0: active server and every candidate up" "$rc" 0

finish
