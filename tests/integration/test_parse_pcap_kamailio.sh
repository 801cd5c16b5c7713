#!/usr/bin/env bash
# `sipfo parse-pcap` on a capture made here with Kamailio as the registrar, SIP
# over TCP, a failed TLS handshake and IPv6:
#   phone A (127.0.72.10) first tries TLS to 127.0.72.3:5061, a socat TLS front
#     (TLS 1.2 at most, so alerts are in clear) whose certificate A's CA file
#     does not vouch for: A aborts the handshake with a fatal alert unknown_ca
#     (48). A then registers as user 1512 over TCP with Kamailio (127.0.72.1,
#     digest MD5): 401 challenge, then 200 with the right password.
#   phone B (127.0.72.20) registers over TCP as user 1999, whom Kamailio refuses
#     with 403 after the challenge.
#   phone C (::1, port 5070) registers over UDP with a SIPp UAS on [::1]:5264: 200.
# Usage: test_parse_pcap_kamailio.sh SIPFO_BINARY SOURCE_DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/lib/cleanup.sh"
source "$here/lib/sip_peers.sh"
source "$here/lib/capture.sh"
peers_init
cleanup_on_exit peers_cleanup
trap sipfo_run_cleanup EXIT
need_tool tcpdump tcpdump
SIPFO="$1"
SOURCE_DIR="$2"
install_debian_package kamailio /usr/sbin/kamailio || { echo "FAIL: kamailio cannot be installed"; exit 1; }

registrar=127.0.72.1 tls_front=127.0.72.3 phone_a=127.0.72.10 phone_b=127.0.72.20
password=sipfo-kam-pw
dir="$PEER_DIR/kamailio"
mkdir -p "$dir"
sed "s/@ADDRESS@/$registrar/g; s/@ALGORITHM@/MD5/; s/@PASSWORD@/$password/" "$here/kamailio/registrar.cfg" >"$dir/kamailio.cfg"
/usr/sbin/kamailio -f "$dir/kamailio.cfg" -DD -E -m 16 -M 4 -Y "$dir" -P "$dir/kamailio.pid" >"$dir/log" 2>&1 &
PEER_PIDS+=("$!")
wait_listening tcp "$registrar" 5060

make_test_ca "$PEER_DIR/ca" sip.sipfo.test "$tls_front"
make_test_ca "$PEER_DIR/other-ca" other.sipfo.test "$tls_front" # a CA that signed nothing the front shows
socat "OPENSSL-LISTEN:5061,bind=$tls_front,reuseaddr,fork,cert=$PEER_DIR/ca/server.pem,key=$PEER_DIR/ca/server.key,verify=0,openssl-max-proto-version=TLS1.2" \
  "TCP:$registrar:5060" >"$PEER_DIR/socat-tls.log" 2>&1 &
PEER_PIDS+=("$!")
wait_listening tcp "$tls_front" 5061

ipv6=no
if python3 -c 'import socket; s=socket.socket(socket.AF_INET6); s.bind(("::1", 0))' 2>/dev/null; then
  ipv6=yes
  start_sipp uas_200.xml ::1 5264 udp 127.0.72.9
fi

capture="$PEER_DIR/kamailio.pcap"
start_capture "$capture" -i lo
# Phone A: TLS first; its CA file is the other CA, so it rejects the front's certificate.
timeout 10 socat -u /dev/null \
  "OPENSSL:$tls_front:5061,bind=$phone_a,cafile=$PEER_DIR/other-ca/ca.pem,verify=1,commonname=sip.sipfo.test,openssl-max-proto-version=TLS1.2" \
  >"$PEER_DIR/socat-client.log" 2>&1 || true
run_phone 10 "$registrar:5060" -i "$phone_a" -t t1 -s 1512 -au 1512 -ap "$password" -ci "$phone_a" -cp 18889
run_phone 10 "$registrar:5060" -i "$phone_b" -t t1 -s 1999 -au 1999 -ap "$password" -ci "$phone_b" -cp 18889
if [ "$ipv6" = yes ]; then
  run_phone 10 "[::1]:5264" -i ::1 -p 5070 -t u1 -s 1003 -ci 127.0.72.30 -cp 18889
fi
stop_capture "$capture"

parse_pcap "$PEER_DIR/story.json" --json "$capture"
j=$(cat "$PEER_DIR/story.json")
phone() { jq -r --arg p "$1" ".phones[] | select(.phone == \$p) | $2" <<<"$j"; }
expected_phones="$phone_a $phone_b"
[ "$ipv6" = yes ] && expected_phones="$expected_phones ::1"
check "three phones (two if no IPv6), in order of their first SIP request" \
  "$(jq -r '[.phones[].phone] | join(" ")' <<<"$j")" "$expected_phones"
check "exit 2: phone B is not registered" "$RC $(jq -r .exit_status <<<"$j")" "2 2"

# Phone A: 401 then 200 over TCP, after the failed TLS handshake.
check "A: two REGISTERs over TCP to Kamailio: 401 with a challenge, then 200 with credentials" \
  "$(phone "$phone_a" '[.transactions[] | "\(.method) \(.server.address):\(.server.port)/\(.transport) \(.has_credentials) \(.final_code) \(.responses[-1].challenge)"] | join(", ")')" \
  "REGISTER $registrar:5060/tcp false 401 true, REGISTER $registrar:5060/tcp true 200 false"
check "A: the last REGISTER succeeded, with Kamailio's granted expiry (3600 s asked)" \
  "$(phone "$phone_a" '.transactions[-1] | "\(.end) \(.expires_asked) \(.responses[-1].granted_expires)"')" "success 3600 3600"
check "A: one TCP connection to Kamailio and one TLS attempt to the front" \
  "$(phone "$phone_a" '[.connections[] | "\(.server.address):\(.server.port) \(.tls)"] | sort | join(", ")')" \
  "$registrar:5060 false, $tls_front:5061 true"
check "A: the TLS attempt: SNI, the front chose TLS 1.2, then the phone's fatal alert 48 unknown_ca" \
  "$(phone "$phone_a" '.connections[] | select(.tls) | "\(.server_name) \(.chosen_version) \(.alert.from) \(.alert.level) \(.alert.description) \(.alert.name)"')" \
  "sip.sipfo.test TLS 1.2 phone 2 48 unknown_ca"
check "A: tls_handshake_failed, an error" \
  "$(phone "$phone_a" '[.findings[] | select(.code == "tls_handshake_failed") | .severity] | join(",")')" error
# Registered at the end (whether the builder calls the TLS failure a failed
# attempt, "recovered", or not), but the verdict never reads clean with an error.
check "A: registered at the end, the headline says 'with errors', exit 2" \
  "$(phone "$phone_a" '"\(.verdict == "registered" or .verdict == "recovered") \(.headline | endswith(" with errors")) \(.exit_status)"')" \
  "true true 2"
check "A: registered with Kamailio over TCP" \
  "$(phone "$phone_a" '.registered_with | "\(.address):\(.port)"') $(phone "$phone_a" '.servers[-1].transport')" "$registrar:5060 tcp"

# Phone B: 401, then 403 for user 1999.
check "B: 401, then 403 Forbidden with credentials" \
  "$(phone "$phone_b" '[.transactions[] | "\(.final_code) \(.has_credentials)"] | join(", ")')" "401 false, 403 true"
check "B: failed, root cause auth_rejected (403 after credentials), exit 2" \
  "$(phone "$phone_b" '"\(.verdict) \(.root_cause) \(.exit_status)"')" "failed auth_rejected 2"
check "B: no TLS attempt" "$(phone "$phone_b" '[.connections[] | select(.tls)] | length')" 0

if [ "$ipv6" = yes ]; then
  check "C (::1): registered over UDP with [::1]:5264 at the first send, exit 0" \
    "$(phone ::1 '"\(.verdict) \(.registered_with.address) \(.registered_with.port) \(.transactions[0].sends | length) \(.exit_status)"')" \
    "registered ::1 5264 1 0"
fi

parse_pcap "$PEER_DIR/story.txt" --explain --phone "$phone_a" "$capture"
sed 's/^/#   /' "$PEER_DIR/story.txt"
check "text --phone A: exit 2, the headline says 'with errors'" \
  "$RC $(grep -cE "^phone $phone_a: (REGISTERED|RECOVERED) with errors" "$PEER_DIR/story.txt" || true)" "2 1"
check "text --explain: the alert's packet line and its note" \
  "$(grep -cE '^    #[0-9]+ +\+[0-9.]+ +127\.0\.72\.10:[0-9]+ -> 127\.0\.72\.3:5061  TLS fatal alert 48 unknown_ca$' "$PEER_DIR/story.txt" || true)" 1

finish
