"""A SIP peer that reads UDP datagrams and never answers: a silent server.

Usage: silent_udp.py IP PORT LOGFILE. Each datagram's arrival is logged as
milliseconds since the first one, so a test can check the client's RFC 3261
retransmission schedule. Stops by itself after 10 minutes.
"""
import socket
import sys
import time

ip, port, log_path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
family = socket.AF_INET6 if ":" in ip else socket.AF_INET
sock = socket.socket(family, socket.SOCK_DGRAM)
sock.bind((ip, port))
sock.settimeout(1.0)
first = None
deadline = time.monotonic() + 600
with open(log_path, "a", buffering=1) as log:
    while time.monotonic() < deadline:
        try:
            data, peer = sock.recvfrom(65535)
        except socket.timeout:
            continue
        now = time.monotonic()
        if first is None:
            first = now
        line = data.split(b"\r\n", 1)[0].decode("ascii", "replace")
        log.write(f"{round((now - first) * 1000)} {peer[0]} {line}\n")
