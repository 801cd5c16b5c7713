#!/usr/bin/env bash
# `sipfo probe` against SIP peers that are odd but legal, or plainly broken
# (issue 16), all on 127.0.61.x and started and stopped here by PID:
#  1. a healthy UDP server slower than T1 answers the retransmission too: the
#     second 200 is absorbed (RFC 3261 17.1.2.2), no finding, exit 0;
#  2. a 401 with an unknown algorithm or an unterminated quote, a password
#     given: a true finding, not register_no_password;
#  3. a 302 to REGISTER: a finding naming the Contact, never a bare critical;
#  4. a TCP port that accepts and never speaks TLS: a TLS handshake timeout,
#     not "sent no response";
#  5. --password is gone from /proc/PID/cmdline while the probe runs; a
#     --password-file others can read is warned about;
#  6. a malformed --target or targets-file line: FILE:LINE, exit 3, and no
#     DNS query and no SIP packet goes out.
# Usage: test_probe_hostile.sh SIPFO_BINARY SOURCE_DIR
set -euo pipefail
source "$(dirname "$0")/lib/sip_peers.sh"
peers_init
SIPFO="$1"

# start_hostile MODE IP PORT: the python peer of lib/hostile_sip.py.
start_hostile() {
  python3 "$PEER_LIB_DIR/hostile_sip.py" "$1" "$2" "$3" "$PEER_DIR/$1.log" &
  PEER_PIDS+=("$!")
  if [ "$1" = tls-stall ]; then wait_listening tcp "$2" "$3"; else wait_listening udp "$2" "$3"; fi
}

codes() { printf '%s' "$1" | jq -r '[.findings[].code] | sort | join(" ")'; }

start_hostile slow 127.0.61.1 5060
start_hostile sha1 127.0.61.2 5060
start_hostile open-quote 127.0.61.3 5060
start_hostile redirect 127.0.61.4 5060
start_hostile tls-stall 127.0.61.5 5061
start_silent_udp 127.0.61.6 5060 "$PEER_DIR/silent.log"
start_silent_udp 127.0.61.7 53 "$PEER_DIR/dns.log" # a DNS server that must never hear a query

pwfile="$PEER_DIR/password"
printf 'hostile-test-pw\n' >"$pwfile"
chmod 600 "$pwfile"

# 1. RTT 0.7 s > T1 0.5 s: OPTIONS goes twice and both copies are answered;
#    REGISTER (answered after 2 s) keeps the probe reading while the second
#    200 arrives.
set +e
out="$("$SIPFO" probe --target 127.0.61.1:5060/udp --user 1512 --domain sipfo.test --json 2>"$PEER_DIR/err1")"
rc=$?
set -e
check "slow server: OPTIONS 200 after a retransmission" "$(field "$out" 127.0.61.1 5060 udp '.options | "\(.code) \(.local) \(.sends)"')" "200 false 2"
check "slow server: the peer got OPTIONS twice" "$(grep -c ' OPTIONS$' "$PEER_DIR/slow.log")" 2
check "slow server: no finding (the second 200 was absorbed)" "$(codes "$out")" ""
check "slow server: up, registered, exit 0" "$(field "$out" 127.0.61.1 5060 udp .status) $rc" "up 0"

# 2. Challenges sipfo cannot answer although the password file was given.
set +e
out="$("$SIPFO" probe --target 127.0.61.2:5060/udp --user 1512 --domain sipfo.test --password-file "$pwfile" --json 2>"$PEER_DIR/err2")"
rc=$?
set -e
check "SHA-1 challenge: named, not register_no_password" "$(codes "$out")" "register_algorithm_unsupported"
check "SHA-1 challenge: the message names the algorithm" \
  "$(printf '%s' "$out" | jq -r '.findings[0].message' | grep -c 'digest algorithm "SHA-1"')" 1
check "SHA-1 challenge: the account was not checked, so the status is OPTIONS's" "$(field "$out" 127.0.61.2 5060 udp .status)" up
check "SHA-1 challenge: no active server with REGISTER checks -> exit 2, with a finding" "$rc" 2
set +e
out="$("$SIPFO" probe --target 127.0.61.3:5060/udp --user 1512 --domain sipfo.test --password-file "$pwfile" --json 2>"$PEER_DIR/err3")"
rc=$?
set -e
check "unterminated quote: a malformed challenge" "$(codes "$out")" "register_challenge_malformed"
check "unterminated quote: the message says what is broken" \
  "$(printf '%s' "$out" | jq -r '.findings[0].message' | grep -c 'unterminated quoted string')" 1
check "unterminated quote: failed, exit 2" "$(field "$out" 127.0.61.3 5060 udp .status) $rc" "failed 2"
no_secret "challenges: the password is not in the output" hostile-test-pw "$out$(cat "$PEER_DIR/err2" "$PEER_DIR/err3")"

# 3. A redirect to REGISTER.
set +e
out="$("$SIPFO" probe --target 127.0.61.4:5060/udp --user 1512 --domain sipfo.test --json 2>"$PEER_DIR/err4")"
rc=$?
set -e
check "302: a register_redirected finding" "$(codes "$out")" "register_redirected"
check "302: the finding names the Contact" \
  "$(printf '%s' "$out" | jq -r '.findings[0].message' | grep -c 'to <sip:1512@127.0.0.99:5060>')" 1
check "302: exit 2 (the phone does not register here), with an error finding" \
  "$rc $(printf '%s' "$out" | jq -r '.findings[0].severity')" "2 error"
check "302: sipfo did not follow it (the peer got one REGISTER)" "$(grep -c REGISTER "$PEER_DIR/redirect.log")" 1

# 4. TLS expected, nothing speaks it. Timer F 2 s (--timeout).
set +e
out="$("$SIPFO" probe --target 127.0.61.5:5061/tls --timeout 2s --json 2>"$PEER_DIR/err5")"
rc=$?
set -e
check "stalled TLS: tls_handshake_timeout, not sip_no_response" "$(codes "$out")" "tls_handshake_timeout"
check "stalled TLS: a local 408 that says where it stalled" \
  "$(field "$out" 127.0.61.5 5061 tls '.options | "\(.code) \(.local) \(.reason)"')" "408 true TLS handshake not completed (Timer F)"
check "stalled TLS: the peer accepted the connection" "$(grep -c ACCEPT "$PEER_DIR/tls-stall.log")" 1
check "stalled TLS: down, exit 2" "$(field "$out" 127.0.61.5 5061 tls .status) $rc" "down 2"

# 5a. --password on the command line: overwritten in argv once parsed. The
#     probe waits on a silent server (Timer F 3 s) while /proc is read.
secret=argv-secret-2718
"$SIPFO" probe --target 127.0.61.6:5060/udp --timeout 3s --user 1512 --password "$secret" \
  >"$PEER_DIR/out5" 2>"$PEER_DIR/err5a" &
probe_pid=$!
for _ in $(seq 1 100); do
  [ -s "$PEER_DIR/silent.log" ] && break # the first request went out: argv was parsed
  sleep 0.05
done
cmdline="$(tr '\0' ' ' <"/proc/$probe_pid/cmdline" 2>/dev/null || true)"
check "argv: the probe is still running while /proc is read" "$(printf '%s' "$cmdline" | grep -c -- '--user 1512 --password')" 1
check "argv: the password is not in /proc/PID/cmdline" "$(printf '%s' "$cmdline" | grep -c -F -- "$secret" || true)" 0
wait "$probe_pid" || true # ends by itself at Timer F (3 s)
no_secret "argv: nor in the output" "$secret" "$(cat "$PEER_DIR/out5" "$PEER_DIR/err5a")"

# 5b. A password file others can read: used, with a warning like ssh's and netrc's.
chmod 644 "$pwfile"
set +e
"$SIPFO" probe --target 127.0.61.2:5060/udp --user 1512 --password-file "$pwfile" --json >/dev/null 2>"$PEER_DIR/err6"
set -e
check "readable password file: warned about, with the fix" \
  "$(grep -c -F "sipfo: warning: password file $pwfile is readable by others (chmod 600 $pwfile)" "$PEER_DIR/err6")" 1
chmod 600 "$pwfile"
set +e
"$SIPFO" probe --target 127.0.61.2:5060/udp --user 1512 --password-file "$pwfile" --json >/dev/null 2>"$PEER_DIR/err7"
set -e
check "mode 600 password file: no warning" "$(grep -c 'readable by others' "$PEER_DIR/err7" || true)" 0

# 6. Target syntax is checked before any packet or query: the DNS server on
#    127.0.61.7 and the SIP peer on 127.0.61.6 must hear nothing new.
: >"$PEER_DIR/silent.log"
set +e
"$SIPFO" probe --target 127.0.61.6:5060/udp --target 300.0.0.1 --dns-server 127.0.61.7 >/dev/null 2>"$PEER_DIR/err8"
rc=$?
set -e
check "--target 300.0.0.1: exit 3" "$rc" 3
check "--target 300.0.0.1: one line naming the problem" \
  "$(cat "$PEER_DIR/err8")" "sipfo: --target '300.0.0.1': '300.0.0.1' is not an IPv4 address (four numbers 0-255 separated by dots) (use HOST[:PORT][/udp|tcp|tls], IPv6 in brackets: [::1]:5060/udp)"
printf '127.0.61.6:5060/udp\nsip.lab.test\nfoo bar  # two words\n' >"$PEER_DIR/targets"
set +e
"$SIPFO" probe --targets-file "$PEER_DIR/targets" --dns-server 127.0.61.7 >/dev/null 2>"$PEER_DIR/err9"
rc=$?
set -e
check "targets file 'foo bar': exit 3" "$rc" 3
check "targets file 'foo bar': FILE:LINE and what" \
  "$(grep -c "^sipfo: $PEER_DIR/targets:3: target 'foo bar': character 4 of the host is not allowed" "$PEER_DIR/err9")" 1
sleep 0.3 # anything sent would have arrived by now
check "bad targets: no DNS query was sent" "$(wc -l <"$PEER_DIR/dns.log")" 0
check "bad targets: no SIP request was sent" "$(wc -l <"$PEER_DIR/silent.log")" 0

finish
