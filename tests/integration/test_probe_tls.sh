#!/usr/bin/env bash
# probe over TLS: a socat TLS front end (certificate from a throwaway CA made
# here, for DNS:sip.sipfo.test and IP:127.0.53.1) before a TCP SIPp. Checks that
# verification fails without --ca-file (unknown CA), passes with it, fails on a
# wrong name, that --insecure carries on but still reports the problem, and
# that a TLS handshake failure is an immediate local 503.
# Usage: test_probe_tls.sh SIPFO_BINARY SOURCE_DIR
set -euo pipefail
source "$(dirname "$0")/lib/sip_peers.sh"
peers_init
DRIVER="$(probe_driver "$1")"

ca="$PEER_DIR/ca"
make_test_ca "$ca" sip.sipfo.test 127.0.53.1
start_sipp uas_digest.xml 127.0.53.2 5060 tcp
start_tls_front 127.0.53.1 5061 127.0.53.2 5060 "$ca/server.pem" "$ca/server.key"
# 127.0.53.3:5061 answers a ClientHello with bytes that are not TLS: the
# handshake fails at once.
start_tcp_peer 127.0.53.3 5061 yes

run() {
  set +e
  out="$(SIPFO_PASSWORD=sipfo-test-pw "$DRIVER" "$@")"
  rc=$?
  set -e
}

run --target 127.0.53.1:5061/tls
check "no --ca-file: unknown CA, down by local 503" "$(field "$out" 127.0.53.1 5061 tls '"\(.status) \(.options.code) \(.options.local) \(.certificate.problem)"')" "down 503 true tls_unknown_ca"
check "no --ca-file: exit 2" "$rc" 2

run --target 127.0.53.1:5061/tls --ca-file "$ca/ca.pem" --user 1512
check "--ca-file, IP SAN: up and registered" "$(field "$out" 127.0.53.1 5061 tls '"\(.status) \(.register.code) \(.certificate.problem)"')" "up 200 "
check "--ca-file: exit 0" "$rc" 0

run --target 127.0.53.1:5061/tls --ca-file "$ca/ca.pem" --server-name sip.sipfo.test
check "--ca-file, DNS SAN with SNI: up" "$(field "$out" 127.0.53.1 5061 tls '"\(.status) \(.certificate.checked_name)"')" "up sip.sipfo.test"

run --target 127.0.53.1:5061/tls --ca-file "$ca/ca.pem" --server-name wrong.sipfo.test
check "wrong name: down, name mismatch" "$(field "$out" 127.0.53.1 5061 tls '"\(.status) \(.options.code) \(.certificate.problem)"')" "down 503 tls_name_mismatch"

run --target 127.0.53.1:5061/tls --insecure
check "--insecure: up, problem still reported" "$(field "$out" 127.0.53.1 5061 tls '"\(.status) \(.certificate.problem)"')" "up tls_unknown_ca"

run --target 127.0.53.3:5061/tls --ca-file "$ca/ca.pem"
check "non-TLS server on a TLS target: handshake failure, local 503" "$(field "$out" 127.0.53.3 5061 tls '"\(.status) \(.options.code) \(.options.local)"')" "down 503 true"
echo "#   handshake reason: $(field "$out" 127.0.53.3 5061 tls .options.reason)"

set +e
"$DRIVER" --target 127.0.53.1:5061/tls --ca-file "$PEER_DIR/no-such-ca.pem" >/dev/null 2>"$PEER_DIR/err"
rc=$?
set -e
check "unreadable --ca-file: exit 3 (sipfo's own input)" "$rc" 3

finish
