"""Benchmark peer: many SIP servers on loopback in one process.

Usage: probe_responder.py answer|silent FIRST_IP COUNT PORT
Binds UDP PORT on COUNT consecutive addresses from FIRST_IP (127.x.y.z only).
"answer": every request gets a stateless 200 OK echoing Via, From, To,
Call-ID and CSeq; "silent": requests are read and dropped. Counts requests
and prints the total on SIGTERM. Stops by itself after 10 minutes.
"""
import ipaddress
import selectors
import signal
import socket
import sys
import time

mode, first, count, port = sys.argv[1], ipaddress.IPv4Address(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
if not first.is_loopback or not (first + count - 1).is_loopback:
    sys.exit("loopback addresses only")

selector = selectors.DefaultSelector()
for i in range(count):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind((str(first + i), port))
    sock.setblocking(False)
    selector.register(sock, selectors.EVENT_READ)

received = 0
running = True


def stop(*_):
    global running
    running = False


signal.signal(signal.SIGTERM, stop)
signal.signal(signal.SIGINT, stop)
ECHOED = (b"via", b"v", b"from", b"f", b"to", b"t", b"call-id", b"i", b"cseq")


def answer(request):
    lines = request.split(b"\r\n")
    kept = [line for line in lines[1:] if line.split(b":", 1)[0].strip().lower() in ECHOED]
    return b"\r\n".join([b"SIP/2.0 200 OK"] + kept + [b"Content-Length: 0", b"", b""])


print("ready", flush=True)
deadline = time.monotonic() + 600
while running and time.monotonic() < deadline:
    for key, _ in selector.select(timeout=0.5):
        while True:
            try:
                data, peer = key.fileobj.recvfrom(65535)
            except BlockingIOError:
                break
            received += 1
            if mode == "answer" and data[:4] != b"SIP/":
                key.fileobj.sendto(answer(data), peer)
print(f"received {received}", flush=True)
