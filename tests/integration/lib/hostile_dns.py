"""A hostile DNS server for tests: answers crafted, often malformed, bytes.

Usage: hostile_dns.py ADDR PORT LOGFILE [SECONDS]

Listens on ADDR:PORT over UDP and TCP (loopback only) and stops by itself after
SECONDS (default 300). What it answers depends on a label of the question name
(the first label that names a mode, so `_sip._udp.cut-a.test` is `cut-a` too):

  cut-a      A answer whose RDATA runs past the end of the message (RDLENGTH 4,
             2 bytes present); other types NODATA
  cut-aaaa   the same for AAAA (RDLENGTH 16, 3 bytes present)
  cut-auth   NXDOMAIN whose authority SOA is cut short
  loop       an A answer whose owner is a compression pointer to itself
  qr0        a well-formed A answer with QR=0 (a query, not a response)
  nxans      NXDOMAIN that nevertheless carries an A record 10.9.9.9
  badid      a well-formed A answer with another message ID
  otherq     a well-formed A answer to another question (other.test)
  srv-esc    SRV answer with the targets `a\032b.good.test.` and `x\.y.good.test.`
             (labels "a b" and "x.y"), other types NODATA
  good       A 10.0.0.1 (owner: a pointer to the question), other types NODATA
  tcp-MODE   over UDP an empty answer with TC=1, over TCP the answer MODE gives

Every query is logged to LOGFILE as "udp|tcp QTYPE LABELS" where LABELS are the
question's wire labels, each as Python bytes repr, so a test can see exactly
what octets a client asked for.
"""
import socket
import struct
import sys
import threading
import time

MODES = ("cut-a", "cut-aaaa", "cut-auth", "loop", "qr0", "nxans", "badid", "otherq", "srv-esc", "good")
TYPE_A, TYPE_SOA, TYPE_AAAA, TYPE_SRV = 1, 6, 28, 33


def parse_question(query):
    """(id, labels, qtype, end of question) of a query; None when unreadable."""
    if len(query) < 12:
        return None
    (qid,) = struct.unpack("!H", query[:2])
    at, labels = 12, []
    while at < len(query) and len(labels) < 128:
        length = query[at]
        if length == 0 or length & 0xC0:
            break
        labels.append(query[at + 1:at + 1 + length])
        at += 1 + length
    if at + 5 > len(query) or query[at] != 0:
        return None
    (qtype,) = struct.unpack("!H", query[at + 1:at + 3])
    return qid, labels, qtype, at + 5


def header(qid, flags, qd, an, ns):
    return struct.pack("!HHHHHH", qid, flags, qd, an, ns, 0)


def rr(owner, rtype, ttl, rdata, rdlength=None):
    """A resource record; rdlength may lie about rdata's length."""
    length = len(rdata) if rdlength is None else rdlength
    return owner + struct.pack("!HHIH", rtype, 1, ttl, length) + rdata


def encode(labels):
    return b"".join(bytes([len(label)]) + label for label in labels) + b"\0"


def mode_of(labels):
    for label in labels:
        text = label.decode("ascii", "replace").lower()
        if text in MODES or (text.startswith("tcp-") and text[4:] in MODES):
            return text
    return "good"


def answer(query, via):
    parsed = parse_question(query)
    if parsed is None:
        return None
    qid, labels, qtype, end = parsed
    question = query[12:end]
    to_question = b"\xc0\x0c"  # compression pointer to the question name
    mode = mode_of(labels)
    aa = 0x8400  # QR=1 AA=1, NOERROR
    if mode.startswith("tcp-"):
        if via == "udp":
            return header(qid, aa | 0x0200, 1, 0, 0) + question
        mode = mode[4:]
    a_record = rr(to_question, TYPE_A, 60, bytes([10, 0, 0, 1]))
    if mode == "cut-auth":
        soa_start = rr(to_question, TYPE_SOA, 60, b"", rdlength=22) + b"\x02ns\xc0\x0c"
        return header(qid, aa | 3, 1, 0, 1) + question + soa_start
    if mode == "nxans":
        nx_record = rr(to_question, TYPE_A, 60, bytes([10, 9, 9, 9]))
        return header(qid, aa | 3, 1, 1, 0) + question + nx_record
    if qtype == TYPE_A and mode == "cut-a":
        return header(qid, aa, 1, 1, 0) + question + rr(to_question, TYPE_A, 60, b"\x0a\x00", rdlength=4)
    if qtype == TYPE_AAAA and mode == "cut-aaaa":
        return header(qid, aa, 1, 1, 0) + question + rr(to_question, TYPE_AAAA, 60, b"\xfd\x00\x00", rdlength=16)
    if qtype == TYPE_SRV and mode == "srv-esc":
        records = b""
        for priority, first in ((1, b"a b"), (2, b"x.y")):
            rdata = struct.pack("!HHH", priority, 10, 5060) + encode([first, b"good", b"test"])
            records += rr(to_question, TYPE_SRV, 60, rdata)
        return header(qid, aa, 1, 2, 0) + question + records
    if qtype != TYPE_A:
        return header(qid, aa, 1, 0, 0) + question  # NODATA
    if mode == "loop":
        owner_at = 12 + len(question)
        return header(qid, aa, 1, 1, 0) + question + rr(struct.pack("!H", 0xC000 | owner_at), TYPE_A, 60,
                                                        bytes([10, 0, 0, 1]))
    if mode == "qr0":
        return header(qid, 0x0400, 1, 1, 0) + question + a_record
    if mode == "badid":
        return header(qid ^ 0x5555, aa, 1, 1, 0) + question + a_record
    if mode == "otherq":
        other = encode([b"other", b"test"]) + struct.pack("!HH", TYPE_A, 1)
        return header(qid, aa, 1, 1, 0) + other + a_record
    return header(qid, aa, 1, 1, 0) + question + a_record


def log_query(log, lock, via, query):
    parsed = parse_question(query)
    if parsed is None:
        return
    _, labels, qtype, _ = parsed
    with lock:
        log.write(f"{via} {qtype} {' '.join(repr(label) for label in labels)}\n")


def serve_udp(sock, log, lock, deadline):
    sock.settimeout(0.5)
    while time.monotonic() < deadline:
        try:
            query, peer = sock.recvfrom(65535)
        except socket.timeout:
            continue
        log_query(log, lock, "udp", query)
        reply = answer(query, "udp")
        if reply is not None:
            sock.sendto(reply, peer)


def read_exactly(conn, count):
    data = b""
    while len(data) < count:
        chunk = conn.recv(count - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def serve_tcp_connection(conn, log, lock):
    conn.settimeout(5)
    try:
        for _ in range(16):  # bounded: a client asks a few questions per connection
            prefix = read_exactly(conn, 2)
            if prefix is None:
                return
            query = read_exactly(conn, struct.unpack("!H", prefix)[0])
            if query is None:
                return
            log_query(log, lock, "tcp", query)
            reply = answer(query, "tcp")
            if reply is not None:
                conn.sendall(struct.pack("!H", len(reply)) + reply)
    except OSError:
        return
    finally:
        conn.close()


def serve_tcp(sock, log, lock, deadline):
    sock.settimeout(0.5)
    while time.monotonic() < deadline:
        try:
            conn, _ = sock.accept()
        except socket.timeout:
            continue
        threading.Thread(target=serve_tcp_connection, args=(conn, log, lock), daemon=True).start()


def main():
    addr, port, log_path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    seconds = float(sys.argv[4]) if len(sys.argv) > 4 else 300
    if not (addr.startswith("127.") or addr == "::1"):
        sys.exit(f"hostile_dns.py: {addr} is not a loopback address")
    family = socket.AF_INET6 if ":" in addr else socket.AF_INET
    udp = socket.socket(family, socket.SOCK_DGRAM)
    udp.bind((addr, port))
    tcp = socket.socket(family, socket.SOCK_STREAM)
    tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    tcp.bind((addr, port))
    tcp.listen(8)
    deadline = time.monotonic() + seconds
    lock = threading.Lock()
    with open(log_path, "a", buffering=1) as log:
        threading.Thread(target=serve_tcp, args=(tcp, log, lock, deadline), daemon=True).start()
        serve_udp(udp, log, lock, deadline)


if __name__ == "__main__":
    main()
