#!/usr/bin/env bash
# `sipfo probe` over TCP and IPv6 against real peers on 127.0.52.x and ::1: SIPp over TCP
# (200, digest), a refused connection, a server that closes at once, a server
# that floods bytes without ever ending a message (bounded, never fatal), and
# SIPp over UDP on ::1.
# Usage: test_probe_tcp.sh SIPFO_BINARY SOURCE_DIR
set -euo pipefail
source "$(dirname "$0")/lib/sip_peers.sh"
peers_init
SIPFO="$1"

start_sipp uas_200.xml 127.0.52.1 5060 tcp
start_sipp uas_digest.xml 127.0.52.2 5060 tcp
# 127.0.52.3:5060 stays closed: TCP refused.
start_tcp_peer 127.0.52.4 5060 true
start_tcp_peer 127.0.52.5 5060 yes
ipv6=no
if python3 -c 'import socket; s=socket.socket(socket.AF_INET6); s.bind(("::1", 0))' 2>/dev/null; then
  ipv6=yes
  start_sipp uas_digest.xml ::1 5262 udp 127.0.52.9
fi

targets=(--target 127.0.52.1:5060/tcp --target 127.0.52.2/tcp --target 127.0.52.3:5060/tcp
         --target 127.0.52.4:5060/tcp --target 127.0.52.5:5060/tcp)
[ "$ipv6" = yes ] && targets+=(--target "[::1]:5262/udp")

start=$(date +%s%N)
set +e
out="$(SIPFO_PASSWORD=sipfo-test-pw "$SIPFO" probe "${targets[@]}" --user 1512 --t1 200ms --json)"
rc=$?
set -e
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))

check "TCP 200 server up and registered" "$(field "$out" 127.0.52.1 5060 tcp '"\(.status) \(.register.code)"')" "up 200"
check "TCP digest: 200 after the challenge on the same connection" "$(field "$out" 127.0.52.2 5060 tcp '"\(.status) \(.register.code) \(.register.credentials_sent)"')" "up 200 true"
check "TCP: no retransmissions" "$(field "$out" 127.0.52.2 5060 tcp .options.sends)" 1
check "TCP refused -> local 503, down" "$(field "$out" 127.0.52.3 5060 tcp '"\(.status) \(.options.code) \(.options.local) \(.options.reason)"')" "down 503 true connection refused"
check "closed at once -> local 503, down" "$(field "$out" 127.0.52.4 5060 tcp '"\(.status) \(.options.code) \(.options.local)"')" "down 503 true"
check "flooding server -> local 503, bounded" "$(field "$out" 127.0.52.5 5060 tcp '"\(.status) \(.options.code) \(.options.local)"')" "down 503 true"
echo "#   flood reason: $(field "$out" 127.0.52.5 5060 tcp .options.reason)"
check "active = P1 (TCP 200 server)" "$(field "$out" 127.0.52.1 5060 tcp .active)" true
check "exit 1" "$rc" 1
# With --t1 200ms Timer F is 12.8 s: a run under half of it waited for none
# (the line is far from the machine's speed, so load cannot fail it).
check "no Timer F wait: no failure waited for Timer F (${elapsed_ms} ms)" "$([ "$elapsed_ms" -lt 6400 ] && echo yes || echo no)" yes
if [ "$ipv6" = yes ]; then
  check "IPv6 UDP digest registrar" "$(field "$out" ::1 5262 udp '"\(.status) \(.register.code)"')" "up 200"
fi
no_secret "password not in the output" sipfo-test-pw "$out"

# A SPEC resolved through a zone file whose SRV records point at the TCP peers:
# the profile's candidates are what gets probed (design §3 reused as is).
cat >"$PEER_DIR/tcp.test.zone" <<'ZONE'
$ORIGIN tcp.test.
$TTL 60
@             IN SOA ns.tcp.test. admin.tcp.test. 1 3600 600 86400 60
_sip._tcp     IN SRV 10 1 5060 p1
              IN SRV 20 1 5060 p2
p1            IN A   127.0.52.1
p2            IN A   127.0.52.3
ZONE
set +e
out="$("$SIPFO" probe tcp.test --transport tcp --zone "$PEER_DIR/tcp.test.zone" --json)"
rc=$?
set -e
check "SPEC over SRV: two candidates in priority order" "$(printf '%s' "$out" | jq -r '[.candidates[] | "\(.priority):\(.address):\(.status)"] | join(" ")')" "10:127.0.52.1:up 20:127.0.52.3:down"
check "SPEC over SRV: the SRV target is the server name" "$(field "$out" 127.0.52.1 5060 tcp .server_name)" p1.tcp.test
check "SPEC over SRV: queries kept" "$(printf '%s' "$out" | jq -r '.queries[0] | "\(.type) \(.name) \(.outcome)"')" "SRV _sip._tcp.tcp.test. NOERROR"
check "SPEC over SRV: exit 1 (P2 down)" "$rc" 1

finish
