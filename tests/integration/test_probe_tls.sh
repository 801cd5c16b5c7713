#!/usr/bin/env bash
# `sipfo probe` over TLS: a socat TLS front end (certificate from a throwaway CA made
# here, for DNS:sip.sipfo.test and IP:127.0.53.1) before a TCP SIPp. Checks that
# verification fails without --ca-file (unknown CA), passes with it, fails on a
# wrong name, that --insecure carries on but still reports the problem, and
# that a TLS handshake failure is an immediate local 503.
# Usage: test_probe_tls.sh SIPFO_BINARY SOURCE_DIR
set -euo pipefail
source "$(dirname "$0")/lib/sip_peers.sh"
peers_init
SIPFO="$1"

ca="$PEER_DIR/ca"
make_test_ca "$ca" sip.sipfo.test 127.0.53.1
start_sipp uas_digest.xml 127.0.53.2 5060 tcp
start_tls_front 127.0.53.1 5061 127.0.53.2 5060 "$ca/server.pem" "$ca/server.key"
# 127.0.53.3:5061 answers a ClientHello with bytes that are not TLS: the
# handshake fails at once.
start_tcp_peer 127.0.53.3 5061 yes

# Names for the TLS front end, so a --target can carry the name TLS verifies.
cat >"$PEER_DIR/tls.test.zone" <<'ZONE'
$ORIGIN sipfo.test.
$TTL 60
@      IN SOA ns.sipfo.test. admin.sipfo.test. 1 3600 600 86400 60
sip    IN A 127.0.53.1
wrong  IN A 127.0.53.1
ZONE
zone=(--zone "$PEER_DIR/tls.test.zone")

run() {
  set +e
  out="$(SIPFO_PASSWORD=sipfo-test-pw "$SIPFO" probe --json "$@")"
  rc=$?
  set -e
}

run --target 127.0.53.1:5061/tls
check "no --ca-file: unknown CA, down by local 503" "$(field "$out" 127.0.53.1 5061 tls '"\(.status) \(.options.code) \(.options.local) \(.certificate.problem)"')" "down 503 true tls_unknown_ca"
check "no --ca-file: exit 2" "$rc" 2

run --target 127.0.53.1:5061/tls --ca-file "$ca/ca.pem" --user 1512
check "--ca-file, IP SAN: up and registered" "$(field "$out" 127.0.53.1 5061 tls '"\(.status) \(.register.code) \(.certificate.problem)"')" "up 200 null"
check "--ca-file: exit 0" "$rc" 0

run --target sip.sipfo.test:5061/tls --ca-file "$ca/ca.pem" "${zone[@]}"
check "--ca-file, DNS SAN with SNI: up" "$(field "$out" 127.0.53.1 5061 tls '"\(.status) \(.certificate.checked_name)"')" "up sip.sipfo.test"

run --target wrong.sipfo.test:5061/tls --ca-file "$ca/ca.pem" "${zone[@]}"
check "wrong name: down, name mismatch" "$(field "$out" 127.0.53.1 5061 tls '"\(.status) \(.options.code) \(.certificate.problem)"')" "down 503 tls_name_mismatch"
check "wrong name: the finding, exit 2" "$(printf '%s' "$out" | jq -r '"\([.findings[].code] | join(" ")) \(.exit_status)"')" "tls_name_mismatch 2"

run --target 127.0.53.1:5061/tls --insecure
check "--insecure: up, problem still reported" "$(field "$out" 127.0.53.1 5061 tls '"\(.status) \(.certificate.problem)"')" "up tls_unknown_ca"
check "--insecure: the finding raises the exit status to 1" "$(printf '%s' "$out" | jq -r '"\([.findings[].code] | join(" ")) \(.exit_status)"') $rc" "tls_unknown_ca 1 1"

run --target 127.0.53.3:5061/tls --ca-file "$ca/ca.pem"
check "non-TLS server on a TLS target: handshake failure, local 503" "$(field "$out" 127.0.53.3 5061 tls '"\(.status) \(.options.code) \(.options.local)"')" "down 503 true"
echo "#   handshake reason: $(field "$out" 127.0.53.3 5061 tls .options.reason)"

set +e
"$SIPFO" probe --target 127.0.53.1:5061/tls --ca-file "$PEER_DIR/no-such-ca.pem" >/dev/null 2>"$PEER_DIR/err"
rc=$?
set -e
check "unreadable --ca-file: exit 3 (sipfo's own input)" "$rc" 3
check "unreadable --ca-file: one line naming the file" "$(cat "$PEER_DIR/err")" "sipfo: $PEER_DIR/no-such-ca.pem: cannot read the CA file (give a PEM file of trusted CA certificates)"

finish
