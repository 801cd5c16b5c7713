#!/usr/bin/env bash
# The integration tests run in a network namespace where only loopback exists
# (lib/in_netns.sh, which CTest puts in front of every integration script):
# a query to any other address fails at once, with ENETUNREACH, so nothing a
# test starts can send a packet off the machine whatever it looks up; loopback
# still works; the host name resolves to loopback from /etc/hosts (Kamailio
# looks it up at start). Nothing is sent off loopback unless the namespace has
# first been seen to hold lo alone.
# Usage: test_netns_isolation.sh SIPFO_BINARY SOURCE_DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/lib/cleanup.sh"
source "$here/lib/sip_peers.sh"
SIPFO="$1"

# 0. Inside a fresh namespace, before anything is sent anywhere.
interfaces="$(ip -o link show | awk -F': ' '{ print $2 }' | sort | tr '\n' ' ')"
routes="$(ip -4 route show table main; ip -6 route show table main | grep -v '^::1 ' || true)"
check "run through in_netns.sh" "${SIPFO_NETNS:-unset}" 1
check "the only interface is lo" "$interfaces" "lo "
check "no route but loopback's" "$routes" ""
if [ "$FAILURES" != 0 ]; then
  echo "not in a loopback-only namespace: nothing is sent; run me through lib/in_netns.sh"
  finish
  exit 1
fi

# send KIND ADDRESS PORT: the errno name a socket call gets (or "sent"/"connected").
send() {
  python3 - "$@" <<'PY'
import errno, socket, sys
kind, address, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
family = socket.AF_INET6 if ":" in address else socket.AF_INET
try:
    if kind == "udp":
        s = socket.socket(family, socket.SOCK_DGRAM)
        s.sendto(b"\0" * 12, (address, port))
        print("sent")
    else:
        s = socket.socket(family, socket.SOCK_STREAM)
        s.settimeout(3)
        s.connect((address, port))
        print("connected")
except socket.timeout:
    print("timeout")
except OSError as e:
    print(errno.errorcode.get(e.errno, str(e.errno)))
PY
}

# 1. Other addresses are unreachable: RFC 5737 TEST-NET-1, RFC 1918 (the
#    fixtures' 10.x servers), RFC 3849 IPv6 documentation space.
check "UDP DNS query to 192.0.2.1:53" "$(send udp 192.0.2.1 53)" ENETUNREACH
check "UDP SIP to 10.0.0.1:5060" "$(send udp 10.0.0.1 5060)" ENETUNREACH
check "TCP connect to 10.0.0.1:5060" "$(send tcp 10.0.0.1 5060)" ENETUNREACH
check "UDP DNS query to [2001:db8::1]:53" "$(send udp 2001:db8::1 53)" ENETUNREACH
check "kdig to 192.0.2.1 gets no answer" \
  "$(kdig @192.0.2.1 +time=1 +retry=0 +short SOA eslab.local >/dev/null 2>&1 && echo answered || echo failed)" failed

# 2. sipfo asking a non-loopback DNS server gets nothing, fast (no timeout to wait).
set +e
start=$SECONDS
out="$(timeout 60 "$SIPFO" resolve eslab.local --dns-server 192.0.2.1 --timeout 20s --json 2>/dev/null)"
rc=$?
elapsed=$((SECONDS - start))
set -e
check "sipfo resolve via 192.0.2.1: no candidate" "$(printf '%s' "$out" | jq '.candidates | length' 2>/dev/null || echo none)" 0
check "sipfo resolve via 192.0.2.1: not OK" "$([ "$rc" -ne 0 ] && echo not-ok || echo "exit $rc")" not-ok
# ENETUNREACH at once, not the 20 s timeout (half of it is the line).
check "sipfo resolve via 192.0.2.1: fails without waiting for its 20 s timeout" "$([ "$elapsed" -lt 10 ] && echo fast || echo "${elapsed}s")" fast

# 3. Loopback works: a UDP datagram to ourselves on 127.0.0.1 and on ::1.
loop="$(python3 - <<'PY'
import socket
for family, address in ((socket.AF_INET, "127.0.0.1"), (socket.AF_INET6, "::1")):
    r = socket.socket(family, socket.SOCK_DGRAM); r.bind((address, 0)); r.settimeout(2)
    socket.socket(family, socket.SOCK_DGRAM).sendto(b"ping", r.getsockname()[:2])
    print(r.recv(16).decode(), end=" ")
PY
)"
check "loopback carries UDP on 127.0.0.1 and ::1" "$loop" "ping ping "

# 4. The host name resolves from /etc/hosts, to loopback only.
name="$(hostname)"
addresses="$(getent ahosts "$name" | awk '{ print $1 }' | LC_ALL=C sort -u | tr '\n' ' ')"
check "host name $name resolves to loopback" "$addresses" "127.0.0.1 ::1 "

finish
