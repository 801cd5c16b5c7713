#!/usr/bin/env bash
# The capture decoder (sipfo::pcap) on real bytes: tcpdump records loopback
# while `sipfo probe` talks to real peers, SIPp over UDP, TCP and UDP on ::1, and
# a socat TLS front end limited to TLS 1.2 whose certificate the probe does not
# trust, so the probe aborts the handshake with a fatal alert in clear. The
# capture is then decoded by sipfo_pcap_dump, and the messages seen must be the
# ones the probe says it sent and got. A second round captures `-i any` as Linux
# cooked v2 (tcpdump -y LINUX_SLL2), gzip-compressed, read from standard input.
# Usage: test_pcap_capture.sh SIPFO_BINARY SOURCE_DIR
set -euo pipefail
source "$(dirname "$0")/lib/sip_peers.sh"
peers_init
need_tool tcpdump tcpdump
SIPFO="$1"
DUMP="$(cd "$(dirname "$SIPFO")/tests/tools" && pwd)/sipfo_pcap_dump"
[ -x "$DUMP" ] || { echo "FAIL: $DUMP is missing (build sipfo_pcap_dump)"; exit 1; }

start_sipp uas_200.xml 127.0.61.1 5060 udp
start_sipp uas_200.xml 127.0.61.2 5060 tcp
make_test_ca "$PEER_DIR/ca" sip.sipfo.test 127.0.61.3
start_sipp uas_200.xml 127.0.61.4 5060 tcp
socat "OPENSSL-LISTEN:5061,bind=127.0.61.3,reuseaddr,fork,cert=$PEER_DIR/ca/server.pem,key=$PEER_DIR/ca/server.key,verify=0,openssl-max-proto-version=TLS1.2" \
  "TCP:127.0.61.4:5060" >"$PEER_DIR/socat-tls.log" 2>&1 &
PEER_PIDS+=("$!")
wait_listening tcp 127.0.61.3 5061
ipv6=no
if python3 -c 'import socket; s=socket.socket(socket.AF_INET6); s.bind(("::1", 0))' 2>/dev/null; then
  ipv6=yes
  start_sipp uas_200.xml ::1 5264 udp 127.0.61.9
fi
cat >"$PEER_DIR/tls.zone" <<'ZONE'
$ORIGIN sipfo.test.
$TTL 60
@      IN SOA ns.sipfo.test. admin.sipfo.test. 1 3600 600 86400 60
sip    IN A 127.0.61.3
ZONE

# start_capture / stop_capture: tcpdump by PID, waited for (lib/capture.sh).
source "$(dirname "$0")/lib/capture.sh"

# lines OUTPUT PATTERN: how many lines of OUTPUT match the extended regex PATTERN.
lines() {
  printf '%s\n' "$1" | grep -cE -- "$2" || true
}

# ---- round 1: -i lo (Ethernet) ------------------------------------------------
capture="$PEER_DIR/lo.pcap"
start_capture "$capture" -i lo
targets=(--target 127.0.61.1:5060/udp --target 127.0.61.2:5060/tcp)
[ "$ipv6" = yes ] && targets+=(--target "[::1]:5264/udp")
set +e
probe="$("$SIPFO" probe "${targets[@]}" --user 1512 --t1 200ms --json)"
"$SIPFO" probe --target sip.sipfo.test:5061/tls --zone "$PEER_DIR/tls.zone" --json >"$PEER_DIR/tls.json"
# A client that checks the certificate inside the handshake (the CA is not in its
# store) and aborts it with a fatal alert, in clear in TLS 1.2.
timeout 10 openssl s_client -connect 127.0.61.3:5061 -servername sip.sipfo.test -tls1_2 -verify_return_error \
  -CAfile "$PEER_DIR/ca/server.pem" </dev/null >"$PEER_DIR/s_client.log" 2>&1
set -e
stop_capture "$capture"

set +e
dump="$("$DUMP" "$capture")"
rc=$?
set -e
echo "$dump" | sed 's/^/#   /'
check "decoder exit 0" "$rc" 0
check "no notes on a clean loopback capture" "$(lines "$dump" ' note ')" 0

sends() { field "$probe" "$1" "$2" "$3" ".$4.sends"; }
udp_options=$(sends 127.0.61.1 5060 udp options)
udp_register=$(sends 127.0.61.1 5060 udp register)
check "UDP: every OPTIONS the probe sent is one message" \
  "$(lines "$dump" 'sip udp 127\.0\.0\.1:[0-9]+ > 127\.0\.61\.1:5060 OPTIONS sip:')" "$udp_options"
check "UDP: every REGISTER the probe sent is one message" \
  "$(lines "$dump" 'sip udp 127\.0\.0\.1:[0-9]+ > 127\.0\.61\.1:5060 REGISTER sip:')" "$udp_register"
check "UDP: SIPp's 200s, one per request" \
  "$(lines "$dump" 'sip udp 127\.0\.61\.1:5060 > 127\.0\.0\.1:[0-9]+ SIP/2\.0 200 OK')" "$((udp_options + udp_register))"
check "probe saw 200 to OPTIONS and REGISTER over UDP" \
  "$(field "$probe" 127.0.61.1 5060 udp '"\(.options.code) \(.register.code)"')" "200 200"

check "TCP: one OPTIONS and one REGISTER out of the reassembled stream" \
  "$(lines "$dump" 'sip tcp 127\.0\.0\.1:[0-9]+ > 127\.0\.61\.2:5060 (OPTIONS|REGISTER) sip:')" \
  "$(( $(sends 127.0.61.2 5060 tcp options) + $(sends 127.0.61.2 5060 tcp register) ))"
check "TCP: two 200s back" "$(lines "$dump" 'sip tcp 127\.0\.61\.2:5060 > 127\.0\.0\.1:[0-9]+ SIP/2\.0 200 OK')" 2
check "TCP: the probe opened the connection (SYN), SIPp accepted (SYN-ACK)" \
  "$(lines "$dump" 'tcp 127\.0\.0\.1:[0-9]+ > 127\.0\.61\.2:5060 SYN$') $(lines "$dump" 'tcp 127\.0\.61\.2:5060 > 127\.0\.0\.1:[0-9]+ SYN-ACK$')" "1 1"
check "TCP: the probe closed first (its FIN comes before SIPp's)" \
  "$(printf '%s\n' "$dump" | grep -E '127\.0\.61\.2:5060.* FIN$' | head -1 | grep -cE 'tcp 127\.0\.0\.1:[0-9]+ > 127\.0\.61\.2:5060 FIN' || true)" 1

# The probe and s_client, each offering TLS 1.3 and 1.2 with the server name.
check "TLS: two ClientHellos to the TLS front with the SNI the clients used" \
  "$(lines "$dump" 'tls 127\.0\.0\.1:[0-9]+ > 127\.0\.61\.3:5061 ClientHello sni=sip\.sipfo\.test version=TLS 1\.[23]')" 2
check "TLS: the front chose TLS 1.2 (its max) both times" \
  "$(lines "$dump" 'tls 127\.0\.61\.3:5061 > 127\.0\.0\.1:[0-9]+ ServerHello version=TLS 1\.2')" 2
check "TLS: the probe found the CA unknown" "$(jq -r '.candidates[0].certificate.problem' "$PEER_DIR/tls.json")" tls_unknown_ca
probe_port=$(printf '%s\n' "$dump" | grep -E 'ClientHello' | head -1 | sed -E 's/.* 127\.0\.0\.1:([0-9]+) > .*/\1/')
check "TLS: the probe finished the handshake, then closed first (its FIN before anything from the front)" \
  "$(printf '%s\n' "$dump" | grep -E "127\.0\.0\.1:$probe_port .*(FIN|RST|Alert)" | head -1 | grep -cE "tcp 127\.0\.0\.1:$probe_port > 127\.0\.61\.3:5061 FIN" || true)" 1
check "TLS: s_client rejected the certificate in the handshake: fatal alert unknown_ca (48), in clear" \
  "$(lines "$dump" 'tls 127\.0\.0\.1:[0-9]+ > 127\.0\.61\.3:5061 Alert level=2 description=48')" 1
check "TLS: s_client said so too" "$(grep -c 'unable to get local issuer certificate\|unknown ca' "$PEER_DIR/s_client.log" | awk '{print ($1 > 0)}')" 1

if [ "$ipv6" = yes ]; then
  check "IPv6 UDP: OPTIONS and REGISTER to [::1]:5264" \
    "$(lines "$dump" 'sip udp \[::1\]:[0-9]+ > \[::1\]:5264 (OPTIONS|REGISTER) ')" \
    "$(( $(sends ::1 5264 udp options) + $(sends ::1 5264 udp register) ))"
  check "IPv6 UDP: the 200s back" "$(lines "$dump" 'sip udp \[::1\]:5264 > \[::1\]:[0-9]+ SIP/2\.0 200 OK')" 2
fi
check "packet numbers count up from 1" "$(printf '%s\n' "$dump" | awk 'NR > 1 && $1 + 0 < prev { bad = 1 } NR > 1 { prev = $1 + 0 } END { print bad + 0 }')" 0

# ---- round 2: -i any, Linux cooked v2, gzip on standard input ----------------
any_types="$(tcpdump -L -i any 2>&1 || true)" # tcpdump lists them on stderr
if [[ $any_types == *LINUX_SLL2* ]]; then
  capture="$PEER_DIR/any.pcap"
  start_capture "$capture" -i any -y LINUX_SLL2
  set +e
  probe="$("$SIPFO" probe --target 127.0.61.1:5060/udp --target 127.0.61.2:5060/tcp --user 1512 --t1 200ms --json)"
  set -e
  stop_capture "$capture"
  check "-i any: tcpdump wrote Linux cooked v2" \
    "$(tcpdump -r "$capture" -c 1 2>&1 >/dev/null | grep -c 'LINUX_SLL2' || true)" 1
  gzip -c "$capture" >"$capture.gz"
  set +e
  dump="$("$DUMP" - <"$capture.gz")"
  rc=$?
  set -e
  check "-i any, gzip on stdin: decoder exit 0" "$rc" 0
  check "-i any: UDP OPTIONS and REGISTER" \
    "$(lines "$dump" 'sip udp 127\.0\.0\.1:[0-9]+ > 127\.0\.61\.1:5060 (OPTIONS|REGISTER) ')" \
    "$(( $(sends 127.0.61.1 5060 udp options) + $(sends 127.0.61.1 5060 udp register) ))"
  check "-i any: TCP OPTIONS and REGISTER" \
    "$(lines "$dump" 'sip tcp 127\.0\.0\.1:[0-9]+ > 127\.0\.61\.2:5060 (OPTIONS|REGISTER) ')" 2
  check "-i any: the 200s back (UDP and TCP)" "$(lines "$dump" 'sip (udp|tcp) 127\.0\.61\.[12]:5060 > .* SIP/2\.0 200 OK')" 4
else
  echo "#   skipped: this tcpdump cannot write LINUX_SLL2"
fi

# ---- a file that is not a capture: one line, exit 3 ---------------------------
echo "not a capture" >"$PEER_DIR/bad.pcap"
set +e
err="$("$DUMP" "$PEER_DIR/bad.pcap" 2>&1 >/dev/null)"
rc=$?
set -e
check "not a capture: exit 3" "$rc" 3
check "not a capture: one line naming the file" "$(printf '%s\n' "$err" | wc -l | tr -d ' ') $(printf '%s' "$err" | grep -c "$PEER_DIR/bad.pcap: not a readable capture" || true)" "1 1"

finish
