# shellcheck shell=bash
# Test peers for the probe integration tests, all on loopback (127.0.0.0/8, ::1):
# SIPp UAS scenarios, a socat TLS front end with a throwaway CA, a UDP peer that
# reads and never answers (and logs arrival times), closed ports. Every peer is
# started by the test, waited for, and stopped by its PID when the test exits.
#
# Source it, then: peers_init; start_sipp ...; ...  (cleanup is automatic).

PEER_PIDS=()
PEER_DIR=""
SIPP_SCENARIOS="$(cd "$(dirname "${BASH_SOURCE[0]}")/../sipp" && pwd)"
PEER_LIB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
APT_UPDATED=0

peers_cleanup() {
  local pid
  for pid in "${PEER_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PEER_PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  [ -n "$PEER_DIR" ] && rm -rf "$PEER_DIR"
}

peers_init() {
  PEER_DIR="$(mktemp -d /tmp/sipfo-peers.XXXXXX)"
  trap peers_cleanup EXIT
  need_tool sipp sip-tester
  need_tool socat socat
  need_tool jq jq
  need_tool ss iproute2
  need_tool python3 python3
  need_tool openssl openssl
}

# need_tool COMMAND DEBIAN_PACKAGE: installs the package when root on Debian,
# outside in_netns.sh (inside, apt has no network: scripts/test.sh installs it).
need_tool() {
  command -v "$1" >/dev/null 2>&1 && return 0
  if [ "${SIPFO_NETNS:-}" != 1 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    if [ "$APT_UPDATED" = 0 ]; then
      apt-get update -qq >/dev/null && APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -o DPkg::Lock::Timeout=300 -y -qq "$2" >/dev/null
  fi
  command -v "$1" >/dev/null 2>&1 || { echo "FAIL: $1 (Debian package $2) is missing" >&2; exit 1; }
}

# wait_listening udp|tcp IP PORT: until something listens there (5 s at most).
wait_listening() {
  local flag=-lnu i
  [ "$1" = tcp ] && flag=-lnt
  local host="$2" family=-4
  case "$host" in *:*) host="[$host]" family=-6 ;; esac
  for i in $(seq 1 100); do
    if [ -n "$(ss -H "$family" "$flag" "src $host:$3" 2>/dev/null)" ]; then return 0; fi
    sleep 0.05
  done
  echo "FAIL: nothing listens on $1 $2:$3" >&2
  exit 1
}

# start_sipp SCENARIO.xml IP PORT udp|tcp [CONTROL_IP]: a SIPp UAS (peers.md:
# -deadcall_wait 1, control socket on the test's own address, not 0.0.0.0:8888;
# a global timeout so it always ends). SIPp's control socket is IPv4 only: give
# an IPv4 CONTROL_IP for an IPv6 IP.
start_sipp() {
  local scenario="$1" ip="$2" port="$3" transport="$4" control="${5:-$2}" mode=u1
  [ "$transport" = tcp ] && mode=t1
  (cd "$PEER_DIR" && exec sipp -sf "$SIPP_SCENARIOS/$scenario" -i "$ip" -p "$port" -t "$mode" \
     -nostdin -deadcall_wait 1 -ci "$control" -cp 18888 -mi "$ip" -mp 16000 -timeout 600 \
     >"$PEER_DIR/sipp-$ip-$port.log" 2>&1) &
  PEER_PIDS+=("$!")
  wait_listening "$transport" "$ip" "$port"
}

# start_silent_udp IP PORT LOGFILE: reads datagrams, never answers, logs arrival
# offsets (ms since the first datagram), one line each.
start_silent_udp() {
  python3 "$PEER_LIB_DIR/silent_udp.py" "$1" "$2" "$3" &
  PEER_PIDS+=("$!")
  wait_listening udp "$1" "$2"
}

# start_tcp_peer IP PORT COMMAND: accepts TCP connections and runs COMMAND on
# each (its stdout goes to the client): "true" closes at once, "yes" floods.
start_tcp_peer() {
  socat "TCP-LISTEN:$2,bind=$1,reuseaddr,fork" "EXEC:$3" >"$PEER_DIR/tcp-$1-$2.log" 2>&1 &
  PEER_PIDS+=("$!")
  wait_listening tcp "$1" "$2"
}

# make_test_ca DIR NAME IP: a throwaway CA (DIR/ca.pem) and a server certificate
# (DIR/server.pem, DIR/server.key) for DNS:NAME and IP:IP.
make_test_ca() {
  local dir="$1" name="$2" ip="$3"
  mkdir -p "$dir"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
    -subj "/CN=sipfo test CA" -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$dir/ca.key" -out "$dir/ca.pem" 2>/dev/null
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=$name" \
    -keyout "$dir/server.key" -out "$dir/server.csr" 2>/dev/null
  printf 'subjectAltName=DNS:%s,IP:%s\nextendedKeyUsage=serverAuth\n' "$name" "$ip" >"$dir/ext.cnf"
  openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial \
    -days 2 -extfile "$dir/ext.cnf" -out "$dir/server.pem" 2>/dev/null
}

# start_tls_front IP PORT BACKEND_IP BACKEND_PORT CERT KEY: TLS terminator in
# front of a TCP SIPp (Debian's SIPp has no TLS: peers.md).
start_tls_front() {
  socat "OPENSSL-LISTEN:$2,bind=$1,reuseaddr,fork,cert=$5,key=$6,verify=0" "TCP:$3:$4" \
    >"$PEER_DIR/socat-$1-$2.log" 2>&1 &
  PEER_PIDS+=("$!")
  wait_listening tcp "$1" "$2"
}

# ---- assertions -----------------------------------------------------------

FAILURES=0
CHECKS=0

# check DESCRIPTION ACTUAL EXPECTED
check() {
  CHECKS=$((CHECKS + 1))
  if [ "$2" = "$3" ]; then
    echo "ok   - $1"
  else
    echo "FAIL - $1: got '$2', expected '$3'"
    FAILURES=$((FAILURES + 1))
  fi
}

# field JSON ADDRESS PORT TRANSPORT JQ_FILTER: one candidate's field from the
# document `sipfo probe --json` printed.
field() {
  printf '%s\n' "$1" | jq -r --arg a "$2" --argjson p "$3" --arg t "$4" \
    ".candidates[] | select(.address == \$a and .port == \$p and .transport == \$t) | $5"
}

# no_secret DESCRIPTION SECRET TEXT: checks that SECRET does not occur in TEXT.
no_secret() {
  check "$1" "$(printf '%s' "$3" | grep -c -F -- "$2" || true)" 0
}

# finish: prints the closing line; fails when a check failed or none ran.
finish() {
  echo "$((CHECKS - FAILURES)) passed, $FAILURES failed"
  [ "$FAILURES" = 0 ] && [ "$CHECKS" -gt 0 ]
}
