#!/usr/bin/env python3
"""Writes a large classic pcap (Ethernet, microsecond times) of a site's SIP and
DNS signalling for tests/bench/pcap_story_bench.sh: what a support engineer gets
from the core switch's mirror port in front of a redundant SBC pair when they
capture with `tcpdump -s 0 port 53 or port 5060` for a working day.

Why it is realistic (the shapes parse-pcap has to rebuild, at the rates phones
make them):
  * 800 phones (70 % over UDP, 30 % over TCP on one long-lived connection each,
    SYN/SYN-ACK/ACK first), booting 0.5 s apart as after a site power cut.
  * Each boot: DNS the 84-Series way (UDP phones: NAPTR, SRV _sip._udp, A of both
    targets; TCP phones, set to TCPOnly: SRV _sip._tcp, A; CS-14-17), then REGISTER, 401 with a digest challenge, REGISTER with
    credentials, 200 OK with the granted expiry.
  * Renewals 540 s after each 200 (expires 600, overlap 60), with the SRV and A
    re-asked first (their TTL of 300 s has run out), credentials reused.
  * OPTIONS keep-alives every 30 s from each phone, answered 200 by the SBC.
  * Message sizes of real handsets and SBCs (Via, Max-Forwards, Contact with
    +sip.instance, Authorization, Allow, Supported, User-Agent: 450-900 bytes).
  * Failovers: every 2 h the primary SBC (10.0.0.1) goes silent for 10 min. A UDP
    phone whose request meets the outage retransmits at 0.5, 1.5 and 3.5 s
    (T1 = 500 ms) and registers with the secondary at 7.5 s (retryMaxCount 3);
    TCP phones see their connection reset and reconnect to the secondary. At the
    first renewal after the primary is back they go back to it (failback).
  * Pure TCP ACKs after responses, some segments split in two.
Packets are templates with a few fields patched, no scapy, so 1 GiB takes about a
minute.
Usage: make_capture.py OUTPUT SIZE_MIB
"""

import heapq
import struct
import sys

PHONES = 800
TCP_SHARE = 0.3
EXPIRES = 600
RENEW_AFTER = 540
OPTIONS_EVERY = 30.0
OUTAGE_EVERY = 7200.0
OUTAGE_FROM = 5400.0  # the first outage at 1:30, then every 2 h
OUTAGE_LENGTH = 600.0

MAC_PHONE = b"\x00\x04\xf2\xa1\xb2\xc3"
MAC_SBC = b"\x02\x00\x5e\x00\x00\x01"
P1 = bytes((10, 0, 0, 1))
P2 = bytes((10, 0, 0, 2))
DNS = bytes((10, 0, 0, 53))
RECORD = struct.Struct("<IIII")
T0 = 1_760_000_000


def phone_ip(i):
    return bytes((10, 20, 1 + i // 250, 1 + i % 250))


def ip_text(b):
    return "%d.%d.%d.%d" % tuple(b)


def ipv4(src, dst, proto, length, ident):
    return struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + length, ident & 0xffff, 0x4000, 64, proto, 0, src, dst)


def eth(src, dst):
    return (MAC_SBC + MAC_PHONE) if dst[:2] == b"\x0a\x14" else (MAC_PHONE + MAC_SBC)


def udp(src, dst, sport, dport, payload, ident):
    body = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    return eth(src, dst) + b"\x08\x00" + ipv4(src, dst, 17, len(body), ident) + body


def tcp(src, dst, sport, dport, seq, ack, flags, payload, ident):
    head = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xffffffff, ack & 0xffffffff, 5 << 4, flags, 64240, 0, 0)
    return eth(src, dst) + b"\x08\x00" + ipv4(src, dst, 6, 20 + len(payload), ident) + head + payload


def dns_name(name):
    return b"".join(bytes((len(p),)) + p.encode() for p in name.split(".") if p) + b"\x00"


def dns_query(ident, name, qtype):
    return struct.pack("!HHHHHH", ident, 0x0100, 1, 0, 0, 0) + dns_name(name) + struct.pack("!HH", qtype, 1)


def dns_reply(ident, name, qtype, answers):
    out = struct.pack("!HHHHHH", ident, 0x8180, 1, len(answers), 0, 0) + dns_name(name) + struct.pack("!HH", qtype, 1)
    for rtype, ttl, rdata in answers:
        out += b"\xc0\x0c" + struct.pack("!HHIH", rtype, 1, ttl, len(rdata)) + rdata
    return out


NAPTR_RDATA = struct.pack("!HH", 10, 10) + b"\x01S" + b"\x07SIP+D2U" + b"\x00" + dns_name("_sip._udp.eslab.local")
SRV_RDATA = [struct.pack("!HHH", 1, 10, 5060) + dns_name("p1.eslab.local"),
             struct.pack("!HHH", 2, 10, 5060) + dns_name("p2.eslab.local")]
LOOKUPS = {
    "naptr": ("eslab.local", 35, [(35, 300, NAPTR_RDATA)]),
    "srv": ("_sip._udp.eslab.local", 33, [(33, 300, SRV_RDATA[0]), (33, 300, SRV_RDATA[1])]),
    "srv_tcp": ("_sip._tcp.eslab.local", 33, [(33, 300, SRV_RDATA[0]), (33, 300, SRV_RDATA[1])]),
    "a1": ("p1.eslab.local", 1, [(1, 300, P1)]),
    "a2": ("p2.eslab.local", 1, [(1, 300, P2)]),
}


def sip_request(method, phone, server, transport, branch, cseq, call_id, tag, auth, ext):
    pip = ip_text(phone)
    lines = ["%s sip:eslab.local SIP/2.0" % method,
             "Via: SIP/2.0/%s %s:5060;branch=z9hG4bK%s;rport" % (transport, pip, branch),
             "Max-Forwards: 70",
             "From: \"%s\" <sip:%s@eslab.local>;tag=%s" % (ext, ext, tag),
             "To: <sip:%s@eslab.local>" % ext if method == "REGISTER" else "To: <sip:eslab.local>",
             "Call-ID: %s" % call_id,
             "CSeq: %d %s" % (cseq, method),
             "Contact: <sip:%s@%s:5060;transport=%s>;+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-0004f2%06x>\""
             % (ext, pip, transport.lower(), int(ext)),
             "User-Agent: Spectralink-8440/5.4.5.0131",
             "Allow: INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, MESSAGE, SUBSCRIBE, NOTIFY, PRACK, UPDATE, REFER",
             "Supported: 100rel,replaces"]
    if method == "REGISTER":
        lines.append("Expires: %d" % EXPIRES)
    if auth:
        lines.append("Authorization: Digest username=\"%s\", realm=\"eslab.local\", nonce=\"%s\", "
                     "uri=\"sip:eslab.local\", response=\"%032x\", algorithm=MD5, cnonce=\"%08x\", qop=auth, nc=%08x"
                     % (ext, auth, (cseq * 2654435761) & ((1 << 128) - 1), cseq * 7919, cseq))
    lines += ["Content-Length: 0", "", ""]
    return "\r\n".join(lines).encode()


def sip_response(code, reason, request_head, server, extra):
    lines = ["SIP/2.0 %d %s" % (code, reason)] + request_head + \
            ["Server: SBC-eslab/7.2", "Date: Sat, 29 Nov 2025 10:00:00 GMT"] + extra + ["Content-Length: 0", "", ""]
    return "\r\n".join(lines).encode()


def response_head(request):
    """Via, From, To (with a tag), Call-ID and CSeq copied from the request."""
    head = []
    for line in request.decode().split("\r\n")[1:]:
        name = line.split(":", 1)[0]
        if name in ("Via", "From", "Call-ID", "CSeq"):
            head.append(line + (";received=10.20.0.1" if name == "Via" else ""))
        elif name == "To":
            head.append(line + ";tag=sbc%04x" % (len(line) * 37))
    return head


class Writer:
    def __init__(self, path, limit):
        self.out = open(path, "wb")
        self.out.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        self.written = 24
        self.limit = limit
        self.chunk = []
        self.pending = []
        self.ident = 0

    def frame(self, t, data):
        """Queues a frame: events write a little ahead of their own instant (the
        responses), so frames are put out in time order by release()."""
        self.ident += 1
        heapq.heappush(self.pending, (t, self.ident, data))
        self.written += 16 + len(data)

    def release(self, until):
        """Writes every queued frame before `until` (no event writes earlier)."""
        while self.pending and self.pending[0][0] < until:
            t, _, data = heapq.heappop(self.pending)
            us = int(t * 1_000_000)
            self.chunk.append(RECORD.pack(T0 + us // 1_000_000, us % 1_000_000, len(data), len(data)))
            self.chunk.append(data)
        if len(self.chunk) > 40000:
            self.out.write(b"".join(self.chunk))
            self.chunk = []

    def flush(self):
        self.release(float("inf"))
        self.out.write(b"".join(self.chunk))
        self.chunk = []

    def next_ident(self):
        self.ident += 1
        return self.ident


def outage(t):
    """Whether the primary SBC is silent at t."""
    if t < OUTAGE_FROM:
        return False
    return (t - OUTAGE_FROM) % OUTAGE_EVERY < OUTAGE_LENGTH


class Phone:
    def __init__(self, index):
        self.index = index
        self.ip = phone_ip(index)
        self.ext = "%d" % (1000 + index)
        self.tcp = (index * 7) % 10 < TCP_SHARE * 10
        self.server = P1
        self.cseq = 0
        self.call_id = "%08x-reg@%s" % (index * 2654435761 & 0xffffffff, ip_text(self.ip))
        self.tag = "%06x" % (index * 40503 & 0xffffff)
        self.nonce = None
        self.branch = index << 20
        self.dns_id = index * 97
        self.sport = 40000 + index
        self.conn = None  # [server, phone seq, server seq] of the TCP connection
        self.options_n = 0
        self.renewal = 0  # the live renewal timer (a failover's REGISTER re-arms it)


class Site:
    def __init__(self, writer):
        self.w = writer
        self.queue = []
        self.seq = 0

    def at(self, t, action, phone, *args):
        self.seq += 1
        heapq.heappush(self.queue, (t, self.seq, action, phone, args))

    def run(self):
        phones = [Phone(i) for i in range(PHONES)]
        for phone in phones:
            self.at(phone.index * 0.5, self.boot, phone)
        while self.queue and self.w.written < self.w.limit:
            t, _, action, phone, args = heapq.heappop(self.queue)
            self.w.release(t - 0.01)  # connect() and its FIN write up to 3 ms before the event
            action(t, phone, *args)
        self.w.flush()
        self.w.out.close()

    # --- DNS -----------------------------------------------------------------
    def lookup(self, t, phone, names):
        for key in names:
            name, qtype, answers = LOOKUPS[key]
            phone.dns_id = (phone.dns_id + 1) & 0xffff
            port = 50000 + (phone.dns_id % 10000)
            self.w.frame(t, udp(phone.ip, DNS, port, 53, dns_query(phone.dns_id, name, qtype), self.w.next_ident()))
            t += 0.0008
            self.w.frame(t, udp(DNS, phone.ip, 53, port, dns_reply(phone.dns_id, name, qtype, answers),
                                self.w.next_ident()))
            t += 0.0004
        return t

    def boot(self, t, phone):
        # DNSnaptr phones start with NAPTR; TCPOnly ones ask SRV _sip._tcp (CS-14-17 Step 1).
        t = self.lookup(t, phone, ["srv_tcp", "a1", "a2"] if phone.tcp else ["naptr", "srv", "a1", "a2"])
        self.register(t + 0.01, phone, False)

    # --- transport -----------------------------------------------------------
    def send(self, t, phone, server, data, from_phone=True):
        if not phone.tcp:
            src, dst = (phone.ip, server) if from_phone else (server, phone.ip)
            self.w.frame(t, udp(src, dst, 5060, 5060, data, self.w.next_ident()))
            return
        if phone.conn is None or phone.conn[0] != server:
            self.connect(t - 0.002, phone, server)
        conn = phone.conn
        if from_phone:
            if len(data) > 600 and phone.cseq % 3 == 0:  # split in two segments
                cut = len(data) // 2
                self.w.frame(t, tcp(phone.ip, server, phone.sport, 5060, conn[1], conn[2], 0x18, data[:cut],
                                    self.w.next_ident()))
                self.w.frame(t, tcp(phone.ip, server, phone.sport, 5060, conn[1] + cut, conn[2], 0x18, data[cut:],
                                    self.w.next_ident()))
            else:
                self.w.frame(t, tcp(phone.ip, server, phone.sport, 5060, conn[1], conn[2], 0x18, data,
                                    self.w.next_ident()))
            conn[1] += len(data)
        else:
            self.w.frame(t, tcp(server, phone.ip, 5060, phone.sport, conn[2], conn[1], 0x18, data, self.w.next_ident()))
            conn[2] += len(data)
            self.w.frame(t + 0.0002, tcp(phone.ip, server, phone.sport, 5060, conn[1], conn[2], 0x10, b"",
                                         self.w.next_ident()))

    def connect(self, t, phone, server):
        if phone.conn is not None:  # leave the old server: FIN
            old = phone.conn
            self.w.frame(t - 0.001, tcp(phone.ip, old[0], phone.sport, 5060, old[1], old[2], 0x11, b"",
                                        self.w.next_ident()))
        phone.sport = 40000 + (phone.sport - 40000 + 1000) % 20000
        iss, irs = (phone.index * 977 + int(t)) & 0xffffffff, (phone.index * 131 + int(t) * 7) & 0xffffffff
        self.w.frame(t, tcp(phone.ip, server, phone.sport, 5060, iss, 0, 0x02, b"", self.w.next_ident()))
        self.w.frame(t + 0.0005, tcp(server, phone.ip, 5060, phone.sport, irs, iss + 1, 0x12, b"", self.w.next_ident()))
        self.w.frame(t + 0.0007, tcp(phone.ip, server, phone.sport, 5060, iss + 1, irs + 1, 0x10, b"",
                                     self.w.next_ident()))
        phone.conn = [server, iss + 1, irs + 1]

    # --- SIP -------------------------------------------------------------------
    def register(self, t, phone, renewal):
        """REGISTER to the phone's server: 401 then credentials at boot, credentials
        reused on renewals; a silent primary means retransmissions, then the secondary."""
        server = P1 if renewal else phone.server  # registration mode: renewals try the primary
        phone.cseq += 1
        phone.branch += 1
        request = sip_request("REGISTER", phone.ip, server, "TCP" if phone.tcp else "UDP", "%x" % phone.branch,
                              phone.cseq, phone.call_id, phone.tag, phone.nonce, phone.ext)
        if server == P1 and outage(t):
            self.silent(t, phone, request)
            return
        phone.server = server
        self.send(t, phone, server, request)
        if phone.nonce is None:
            challenge = sip_response(401, "Unauthorized", response_head(request), server,
                                     ["WWW-Authenticate: Digest realm=\"eslab.local\", nonce=\"%08x%08x\", "
                                      "algorithm=MD5, qop=\"auth\"" % (phone.index, int(t))])
            self.send(t + 0.003, phone, server, challenge, False)
            phone.nonce = "%08x%08x" % (phone.index, int(t))
            phone.cseq += 1
            phone.branch += 1
            request = sip_request("REGISTER", phone.ip, server, "TCP" if phone.tcp else "UDP", "%x" % phone.branch,
                                  phone.cseq, phone.call_id, phone.tag, phone.nonce, phone.ext)
            t += 0.01
            self.send(t, phone, server, request)
        ok = sip_response(200, "OK", response_head(request), server,
                          ["Contact: <sip:%s@%s:5060>;expires=%d" % (phone.ext, ip_text(phone.ip), EXPIRES)])
        self.send(t + 0.004, phone, server, ok, False)
        phone.renewal += 1
        self.at(t + RENEW_AFTER, self.renew, phone, phone.renewal)
        if phone.options_n == 0:
            self.at(t + OPTIONS_EVERY, self.options, phone)

    def renew(self, t, phone, token):
        if token != phone.renewal:
            return
        # The TTL of 300 s ran out since the last lookup; NAPTR is still cached.
        t = self.lookup(t, phone, ["srv_tcp" if phone.tcp else "srv", "a1", "a2"])
        self.register(t + 0.01, phone, True)

    def silent(self, t, phone, request):
        """The primary does not answer: retransmit at T1 doubling (UDP) and register
        with the secondary when the fifth send would be due (7.5 s); over TCP the
        connection is reset at once."""
        if phone.tcp:
            self.send(t, phone, P1, request)
            conn = phone.conn
            self.w.frame(t + 0.0005, tcp(P1, phone.ip, 5060, phone.sport, conn[2], conn[1], 0x14, b"",
                                         self.w.next_ident()))
            phone.conn = None
            phone.server = P2
            self.at(t + 0.05, self.failover, phone)
            return
        for offset in (0.0, 0.5, 1.5, 3.5):
            self.w.frame(t + offset, udp(phone.ip, P1, 5060, 5060, request, self.w.next_ident()))
        phone.server = P2
        self.at(t + 7.5, self.failover, phone)

    def failover(self, t, phone):
        phone.nonce = None  # a new server challenges again
        self.register(t, phone, False)

    def options(self, t, phone):
        phone.options_n += 1
        phone.branch += 1
        server = phone.server
        request = sip_request("OPTIONS", phone.ip, server, "TCP" if phone.tcp else "UDP", "%x" % phone.branch, 1,
                              "%08x-ka%d@%s" % (phone.index, phone.options_n, ip_text(phone.ip)), phone.tag, None,
                              phone.ext)
        if server == P1 and outage(t):
            self.silent(t, phone, request)
        else:
            self.send(t, phone, server, request)
            self.send(t + 0.002, phone, server, sip_response(200, "OK", response_head(request), server,
                                                             ["Accept: application/sdp"]), False)
        self.at(t + OPTIONS_EVERY, self.options, phone)


def main():
    out_path, size_mib = sys.argv[1], int(sys.argv[2])
    Site(Writer(out_path, size_mib * 1024 * 1024)).run()


if __name__ == "__main__":
    main()
