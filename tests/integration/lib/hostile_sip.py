"""SIP peers that are odd but real, for the probe's hostile-input tests.

Usage: hostile_sip.py MODE IP PORT LOGFILE. Loopback only; every mode stops by
itself after 10 minutes, and the test stops it earlier by its PID.

Modes (UDP unless named otherwise):
  slow        answers every copy of every request, OPTIONS after 0.7 s and
              REGISTER after 2.0 s: a healthy server whose RTT exceeds T1, so
              each retransmission gets its own final response (RFC 3261 17.2.2).
  sha1        OPTIONS 200; REGISTER 401 with a Digest challenge for SHA-1,
              which RFC 7616 does not define.
  open-quote  OPTIONS 200; REGISTER 401 whose challenge has an unterminated
              quoted string.
  redirect    OPTIONS 200; REGISTER 302 to Contact <sip:1512@127.0.0.99:5060>.
  tls-stall   TCP: accepts connections, reads, and never says a word (a port
              where TLS is expected but nothing speaks it).
Each request received is logged as "MS METHOD" (ms since the peer started).
"""
import socket
import sys
import threading
import time

mode, ip, port, log_path = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
family = socket.AF_INET6 if ":" in ip else socket.AF_INET
started = time.monotonic()
deadline = started + 600
log = open(log_path, "a", buffering=1)
log_lock = threading.Lock()


def note(text):
    with log_lock:
        log.write(f"{round((time.monotonic() - started) * 1000)} {text}\n")


def headers_of(message):
    head = message.split(b"\r\n\r\n", 1)[0].decode("utf-8", "replace").split("\r\n")
    found = {}
    for line in head[1:]:
        name, _, value = line.partition(":")
        found.setdefault(name.strip().lower(), []).append(value.strip())
    return head[0], found


def response(request_headers, code, reason, extra=""):
    lines = [f"SIP/2.0 {code} {reason}"]
    for via in request_headers.get("via", []):
        lines.append(f"Via: {via}")
    for name in ("from", "to", "call-id", "cseq"):
        for value in request_headers.get(name, []):
            if name == "to" and ";tag=" not in value:
                value += ";tag=hostile1"
            lines.append(f"{name.title()}: {value}")
    return ("\r\n".join(lines) + "\r\n" + extra + "Content-Length: 0\r\n\r\n").encode()


REGISTER_ANSWERS = {
    "sha1": (401, "Unauthorized",
             'WWW-Authenticate: Digest realm="sipfo.test", nonce="n0nce", algorithm=SHA-1\r\n'),
    "open-quote": (401, "Unauthorized",
                   'WWW-Authenticate: Digest realm="sipfo.test, nonce="n0nce"\r\n'),
    "redirect": (302, "Moved Temporarily", "Contact: <sip:1512@127.0.0.99:5060>\r\n"),
}


def serve_udp():
    sock = socket.socket(family, socket.SOCK_DGRAM)
    sock.bind((ip, port))
    sock.settimeout(1.0)
    while time.monotonic() < deadline:
        try:
            data, peer = sock.recvfrom(65535)
        except socket.timeout:
            continue
        request_line, found = headers_of(data)
        method = request_line.split(" ", 1)[0]
        note(method)
        if mode == "slow":
            delay = 0.7 if method == "OPTIONS" else 2.0
            reply = response(found, 200, "OK")
            threading.Timer(delay, sock.sendto, (reply, peer)).start()
        elif method == "REGISTER":
            code, reason, extra = REGISTER_ANSWERS[mode]
            sock.sendto(response(found, code, reason, extra), peer)
        else:
            sock.sendto(response(found, 200, "OK"), peer)


def serve_tls_stall():
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((ip, port))
    listener.listen(16)
    listener.settimeout(1.0)
    held = []
    while time.monotonic() < deadline:
        try:
            connection, _ = listener.accept()
        except socket.timeout:
            continue
        note("ACCEPT")
        held.append(connection)  # kept open, never written to


if mode == "tls-stall":
    serve_tls_stall()
elif mode in ("slow", *REGISTER_ANSWERS):
    serve_udp()
else:
    sys.exit(f"unknown mode {mode}")
