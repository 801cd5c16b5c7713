#!/usr/bin/env bash
# `sipfo probe` against Kamailio (Debian package kamailio) as a real registrar
# with digest authentication: 127.0.54.1 challenges with MD5, 127.0.54.2 with
# SHA-256 (RFC 7616), both qop=auth, over UDP and TCP. A REGISTER with the right
# password succeeds (binding query, and bind-then-remove); a wrong password and
# a wrong user fail ("failed", CS-18-09). Each Kamailio runs from its own
# configuration in a temporary directory and is stopped by its PID.
# Usage: test_probe_kamailio.sh SIPFO_BINARY SOURCE_DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/lib/cleanup.sh"
source "$here/lib/sip_peers.sh"
peers_init
SIPFO="$1"
install_debian_package kamailio /usr/sbin/kamailio || { echo "FAIL: kamailio cannot be installed"; exit 1; }

password=sipfo-kam-pw

# Kamailio looks its host name up at start, dns=no or not: in_netns.sh gives the
# namespace a host name that /etc/hosts maps to loopback, so no query goes to
# the resolver of /etc/resolv.conf.
check "host name $(hostname) resolves to loopback from /etc/hosts" \
  "$(getent hosts "$(hostname)" | awk '$1 ~ /^(127\.|::1$)/ { print "loopback"; exit }')" loopback

# start_kamailio IP ALGORITHM: a registrar on IP:5060 (UDP and TCP).
start_kamailio() {
  local dir="$PEER_DIR/kamailio-$1"
  mkdir -p "$dir"
  sed "s/@ADDRESS@/$1/g; s/@ALGORITHM@/$2/; s/@PASSWORD@/$password/" "$here/kamailio/registrar.cfg" >"$dir/kamailio.cfg"
  /usr/sbin/kamailio -f "$dir/kamailio.cfg" -DD -E -m 16 -M 4 -Y "$dir" -P "$dir/kamailio.pid" >"$dir/log" 2>&1 &
  PEER_PIDS+=("$!")
  wait_listening udp "$1" 5060
  wait_listening tcp "$1" 5060
}

start_kamailio 127.0.54.1 MD5
start_kamailio 127.0.54.2 SHA-256

probe() { # ARGS...: sets out and rc
  set +e
  out="$("$SIPFO" probe --json "$@" 2>"$PEER_DIR/err")"
  rc=$?
  set -e
  all="${all:-}$out$(cat "$PEER_DIR/err")"
}
pwfile="$PEER_DIR/password"
printf '%s\n' "$password" >"$pwfile"
chmod 600 "$pwfile" # others may not read it (sipfo warns otherwise)
targets=(--target 127.0.54.1 --target 127.0.54.1/tcp --target 127.0.54.2 --target 127.0.54.2/tcp)

# 1. The right password: every candidate registers; MD5 and SHA-256 challenges.
probe "${targets[@]}" --user 1512 --domain sipfo.test --password-file "$pwfile"
for t in "127.0.54.1 5060 udp" "127.0.54.1 5060 tcp" "127.0.54.2 5060 udp" "127.0.54.2 5060 tcp"; do
  # shellcheck disable=SC2086
  check "right password: $t up, REGISTER 200 after the challenge" \
    "$(field "$out" $t '"\(.status) \(.options.code) \(.register.code) \(.register.credentials_sent)"')" "up 200 200 true"
done
check "right password: P1 active, exit 0" "$(printf '%s' "$out" | jq -r .active) $rc" "127.0.54.1:5060/udp 0"

# 2. --register-mode=bind: a probe contact is registered, then removed (Expires 0).
probe --target 127.0.54.1 --target 127.0.54.2/tcp --user 1512 --domain sipfo.test --password-file "$pwfile" --register-mode bind
check "bind: registered and removed (MD5, UDP)" "$(field "$out" 127.0.54.1 5060 udp '"\(.register.code) \(.unregister.code)"')" "200 200"
check "bind: registered and removed (SHA-256, TCP)" "$(field "$out" 127.0.54.2 5060 tcp '"\(.register.code) \(.unregister.code)"')" "200 200"
check "bind: exit 0" "$rc" 0

# 3. A wrong password: challenged again after the credentials -> failed.
SIPFO_PASSWORD=not-the-kam-pw probe "${targets[@]}" --user 1512 --domain sipfo.test
check "wrong password: failed with 401 after credentials (MD5)" \
  "$(field "$out" 127.0.54.1 5060 udp '"\(.status) \(.register.code) \(.register.credentials_sent)"')" "failed 401 true"
check "wrong password: failed (SHA-256, TCP)" "$(field "$out" 127.0.54.2 5060 tcp .status)" failed
check "wrong password: no active server, exit 2" "$(printf '%s' "$out" | jq -r .active) $rc" "null 2"
check "wrong password: register_rejected for each" "$(printf '%s' "$out" | jq -r '[.findings[] | select(.code == "register_rejected")] | length')" 4

# 4. A user the registrar does not serve: 403 -> failed.
probe --target 127.0.54.1 --user 1999 --domain sipfo.test --password-file "$pwfile"
check "other user: failed with 403" "$(field "$out" 127.0.54.1 5060 udp '"\(.status) \(.register.code)"')" "failed 403"

# 5. --auth-user is the digest user name: 1999 is refused even for user 1512.
probe --target 127.0.54.1 --user 1512 --auth-user 1999 --domain sipfo.test --password-file "$pwfile"
check "--auth-user 1999: failed with 403" "$(field "$out" 127.0.54.1 5060 udp '"\(.status) \(.register.code)"')" "failed 403"

# 6. The challenge of the SHA-256 registrar really is SHA-256 (RFC 7616 3.3).
challenge="$(python3 - <<'PY'
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.54.9", 0)); s.settimeout(3)
port = s.getsockname()[1]
s.sendto((f"REGISTER sip:sipfo.test SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.54.9:{port};branch=z9hG4bKkam1\r\n"
          "Max-Forwards: 70\r\nFrom: <sip:1512@sipfo.test>;tag=k1\r\nTo: <sip:1512@sipfo.test>\r\n"
          "Call-ID: kam-sha@sipfo\r\nCSeq: 1 REGISTER\r\nContent-Length: 0\r\n\r\n").encode(), ("127.0.54.2", 5060))
for line in s.recv(4096).decode().split("\r\n"):
    if line.lower().startswith("www-authenticate"):
        print("sha" if "algorithm=SHA-256" in line else "other:" + line)
PY
)"
check "the 127.0.54.2 registrar challenges with SHA-256" "$challenge" sha

no_secret "the password is in no output" "$password" "$all"
no_secret "the wrong password is in no output" not-the-kam-pw "$all"

finish
