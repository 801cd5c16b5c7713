#!/usr/bin/python3
"""Turns the classic pcap files of fixtures/pcap into seeds for pcap_decoder_fuzz:
a link-type byte, then per packet [length:2][time step:1][cut:1][bytes]. Run from
the repository root: tests/fuzz/corpus/pcap_decoder/make_seeds.py"""

import glob
import os
import struct

LINK_INDEX = {1: 0, 113: 1, 276: 2, 12: 3, 101: 3, 228: 4, 229: 5, 0: 6, 108: 7}
here = os.path.dirname(os.path.abspath(__file__))
for path in sorted(glob.glob(os.path.join(here, "../../../../fixtures/pcap/*.pcap"))):
    data = open(path, "rb").read()
    linktype = struct.unpack("<I", data[20:24])[0]
    out = bytearray([LINK_INDEX[linktype]])
    at = 24
    while at + 16 <= len(data):
        _, _, caplen, wirelen = struct.unpack("<IIII", data[at:at + 16])
        out += struct.pack(">HBB", caplen, 1, min(wirelen - caplen, 255)) + data[at + 16:at + 16 + caplen]
        at += 16 + caplen
    open(os.path.join(here, os.path.basename(path) + ".seed"), "wb").write(out)
