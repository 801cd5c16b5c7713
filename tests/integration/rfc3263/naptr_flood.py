# A DNS server for tests/integration/test_rfc3263_walk_bound.sh: answers NAPTR
# walk.test. with 200 records (order 0..199, SIP+D2U, replacement
# _sip._udp.n<i>.walk.test.), over UDP (truncated, so the client asks again over
# TCP) and TCP; every other question is never answered.
#   python3 naptr_flood.py ADDR PORT     (ADDR must be a loopback address)
import ipaddress, socket, struct, sys, threading
addr, port = sys.argv[1], int(sys.argv[2])
if not ipaddress.ip_address(addr).is_loopback:
    sys.exit("naptr_flood.py: %s is not a loopback address" % addr)
def name(n):
    out = b''
    for label in n.rstrip('.').split('.'):
        out += bytes([len(label)]) + label.encode()
    return out + b'\0'
def parse_q(msg):
    i = 12; labels = []
    while msg[i]:
        l = msg[i]; labels.append(msg[i+1:i+1+l].decode()); i += 1 + l
    qtype, qclass = struct.unpack('>HH', msg[i+1:i+5])
    return '.'.join(labels).lower(), qtype, msg[12:i+5]
def answer(msg):
    qname, qtype, question = parse_q(msg)
    if qname != 'walk.test' or qtype != 35: return None
    rrs = b''
    for k in range(200):
        rdata = struct.pack('>HH', k, 10) + b'\x01S' + b'\x07SIP+D2U' + b'\x00' + name('_sip._udp.n%d.walk.test' % k)
        rrs += b'\xc0\x0c' + struct.pack('>HHIH', 35, 1, 60, len(rdata)) + rdata
    hdr = msg[:2] + struct.pack('>HHHHH', 0x8400, 1, 200, 0, 0)
    return hdr + question + rrs
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind((addr, port))
t = socket.socket(); t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); t.bind((addr, port)); t.listen(16)
def recv_exact(c, n):
    data = b''
    while len(data) < n:
        part = c.recv(n - len(data))
        if not part: return None
        data += part
    return data
def serve(c):
    # One thread per connection, every question on it answered in turn; an
    # unanswered question leaves the connection open until the client closes it,
    # so it costs the client its own timeout and never blocks other connections.
    c.settimeout(60)
    try:
        while True:
            head = recv_exact(c, 2)
            if head is None: return
            m = recv_exact(c, struct.unpack('>H', head)[0])
            if m is None: return
            r = answer(m)
            if r: c.sendall(struct.pack('>H', len(r)) + r)
    except OSError:
        pass
    finally:
        c.close()
def tcp():
    while True:
        c, _ = t.accept()
        threading.Thread(target=serve, args=(c,), daemon=True).start()
threading.Thread(target=tcp, daemon=True).start()
while True:
    m, peer = u.recvfrom(4096)
    r = answer(m)
    if r:
        if len(r) > 512: r = r[:2] + bytes([r[2] | 0x02]) + r[3:12] + parse_q(m)[2]; r = r[:6] + b'\0\0' + r[8:]
        u.sendto(r, peer)
