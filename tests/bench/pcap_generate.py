#!/usr/bin/env python3
"""Writes a large classic pcap (Ethernet, microsecond times) of a phone site's
traffic for tests/bench/pcap_bench.sh, fast: packets are templates with a few
fields patched by struct.pack, no scapy. Per 100 packets, roughly:
  80 RTP (G.711, 20 ms, 172-byte payload) on many UDP port pairs
   8 SIP over UDP (OPTIONS / REGISTER / 200 OK, ~450 bytes)
   4 DNS over UDP (SRV/A queries and answers)
   6 SIP over TCP (REGISTERs and 200s on long-lived connections, some split in 2 segments,
     1 in 50 segments retransmitted, 1 in 50 pairs reordered)
   2 pure TCP ACKs
Usage: pcap_generate.py OUTPUT SIZE_MIB
"""

import struct
import sys

MAC = b"\x02\x00\x00\x00\x00\x01\x00\x04\xf2\xa1\xb2\xc3"


def ip4(a, b, c, d):
    return bytes((a, b, c, d))


def ipv4_header(src, dst, proto, payload_len, ident):
    return struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + payload_len, ident & 0xffff, 0x4000, 64, proto, 0, src, dst)


def udp_frame(src, dst, sport, dport, payload, ident):
    udp = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    return MAC + b"\x08\x00" + ipv4_header(src, dst, 17, len(udp), ident) + udp


def tcp_frame(src, dst, sport, dport, seq, ack, flags, payload, ident):
    tcp = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xffffffff, ack & 0xffffffff, 5 << 4, flags, 65535, 0, 0)
    return MAC + b"\x08\x00" + ipv4_header(src, dst, 6, len(tcp) + len(payload), ident) + tcp + payload


def sip(start, cseq, method, transport="UDP"):
    head = ("%s\r\nVia: SIP/2.0/%s 10.1.2.%d:5060;branch=z9hG4bK%08x\r\nFrom: <sip:1512@eslab.local>;tag=%x\r\n"
            "To: <sip:1512@eslab.local>\r\nCall-ID: %08x@10.1.2.3\r\nCSeq: %d %s\r\n"
            "Contact: <sip:1512@10.1.2.3:5060>\r\nUser-Agent: Spectralink 8440 bench\r\nExpires: 3600\r\n"
            "Content-Length: 0\r\n\r\n") % (start, transport, cseq % 200, cseq, cseq, cseq, cseq, method)
    return head.encode()


def dns_query(ident, name):
    q = b"".join(bytes((len(p),)) + p.encode() for p in name.split(".")) + b"\x00"
    return struct.pack("!HHHHHH", ident, 0x0100, 1, 0, 0, 0) + q + struct.pack("!HH", 33, 1)


def dns_answer(ident, name):
    q = dns_query(ident, name)
    body = q[12:]
    answer = b"\xc0\x0c" + struct.pack("!HHIH", 33, 1, 300, 6 + 20) + struct.pack("!HHH", 10, 1, 5060) + \
        b"\x02p1\x05eslab\x05local\x00" + b"\x00" * 2
    return struct.pack("!HHHHHH", ident, 0x8180, 1, 1, 0, 0) + body + answer


def main():
    out_path, size_mib = sys.argv[1], int(sys.argv[2])
    limit = size_mib * 1024 * 1024
    phone_net = [ip4(10, 1, 2, i) for i in range(2, 250)]
    servers = [ip4(10, 0, 0, 1), ip4(10, 0, 0, 2)]
    dns_server = ip4(10, 0, 0, 53)
    rtp_payload = b"\xd5" * 172
    rtp_header = struct.Struct("!BBHII")
    record = struct.Struct("<IIII")
    # Long-lived TCP connections: phone index -> [phone seq, server seq].
    tcp_state = {}
    out = open(out_path, "wb")
    out.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    written = 24
    chunk = []
    t_us = 1_700_000_000 * 1_000_000
    n = 0
    while written < limit:
        n += 1
        t_us += 125  # 8000 packets per second
        slot = n % 100
        phone = phone_net[n % len(phone_net)]
        frames = []
        if slot < 80:
            pair = n % 400
            rtp = rtp_header.pack(0x80, 0, n & 0xffff, (n * 160) & 0xffffffff, pair) + rtp_payload
            frames.append(udp_frame(phone, phone_net[(pair * 7) % len(phone_net)], 16384 + 2 * pair,
                                    16384 + 2 * pair, rtp, n))
        elif slot < 88:
            server = servers[n % 2]
            if slot % 2 == 0:
                method = "OPTIONS" if n % 3 else "REGISTER"
                frames.append(udp_frame(phone, server, 5060, 5060,
                                        sip("%s sip:eslab.local SIP/2.0" % method, n, method), n))
            else:
                frames.append(udp_frame(server, phone, 5060, 5060, sip("SIP/2.0 200 OK", n - 1, "OPTIONS"), n))
        elif slot < 92:
            name = "_sip._udp.eslab.local" if n % 2 else "p1.eslab.local"
            if slot % 2 == 0:
                frames.append(udp_frame(phone, dns_server, 40000 + n % 20000, 53, dns_query(n & 0xffff, name), n))
            else:
                frames.append(udp_frame(dns_server, phone, 53, 40000 + (n - 1) % 20000,
                                        dns_answer((n - 1) & 0xffff, name), n))
        elif slot < 98:
            index = n % 64
            phone = phone_net[index]  # one phone per connection, so its 4-tuple stays
            sport = 41000 + index
            state = tcp_state.setdefault(index, [0xfffff000 + index * 977, 1000])  # some wrap past 2^32
            if slot % 2 == 0:
                message = sip("REGISTER sip:eslab.local SIP/2.0", n, "REGISTER", "TCP")
                seq = state[0]
                if n % 3 == 0:
                    cut = len(message) // 2
                    first = tcp_frame(phone, servers[0], sport, 5060, seq, state[1], 0x18, message[:cut], n)
                    second = tcp_frame(phone, servers[0], sport, 5060, seq + cut, state[1], 0x18, message[cut:], n)
                    frames += [second, first] if n % 50 == 0 else [first, second]
                else:
                    frames.append(tcp_frame(phone, servers[0], sport, 5060, seq, state[1], 0x18, message, n))
                if n % 50 == 2:
                    frames.append(frames[-1])  # a retransmission
                state[0] = seq + len(message)
            else:
                message = sip("SIP/2.0 200 OK", n - 1, "REGISTER", "TCP")
                frames.append(tcp_frame(servers[0], phone, 5060, sport, state[1], state[0], 0x18, message, n))
                state[1] += len(message)
        else:
            index = n % 64
            phone = phone_net[index]
            state = tcp_state.setdefault(index, [0xfffff000 + index * 977, 1000])
            frames.append(tcp_frame(phone, servers[0], 41000 + index, 5060, state[0], state[1], 0x10, b"", n))
        for frame in frames:
            chunk.append(record.pack(t_us // 1_000_000, t_us % 1_000_000, len(frame), len(frame)))
            chunk.append(frame)
            written += 16 + len(frame)
        if len(chunk) > 20000:
            out.write(b"".join(chunk))
            chunk = []
    out.write(b"".join(chunk))
    out.close()


if __name__ == "__main__":
    main()
