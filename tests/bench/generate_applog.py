#!/usr/bin/env python3
"""Writes a large, realistic 84-Series app.log for the parse-log benchmark.

Mostly noise from other modules (audio, Wi-Fi, provisioning, tickets), with
registration stories mixed in: good NAPTR/SRV/A chains, cache-hit re-registrations,
NXDOMAIN failures with negative caching, and a boot marker every ~64 MiB.
Never committed: tests/bench/parse_log_bench.sh makes it at bench time.

    python3 generate_applog.py SIZE_MIB OUTPUT
"""

import random
import sys

NOISE = [
    "so   |2|00|soCoreAudioTermChg: handset -> idle",
    "so   |3|00|soCoreAudioTermChg: idle -> handset",
    "wmgr |3|00|wlanMgr: roamed to BSSID 02:00:5e:10:00:{r2} rssi -{r2}",
    "wmgr |2|00|wlanMgr: scan complete, {r2} networks",
    "net  |2|00|DHCP lease renewed, 600 s",
    "cfg  |4|00|Prov|Download of 'ringtone-{r2}.wav' failed 403 Forbidden",
    "pres |4|00|Registration of presence watcher failed: timeout",
    "copy |4|00|Could not set the custom header Content-Range for HTTP/s request.",
    "tickt|*|00|m_timer [{r3}]",
    "log  |4|00|UtilLogServerC::uploadFifoLog: upload error. protocol 0 result = 17",
    "app1 |3|00|ui: screen saver timeout reached after {r3} s",
    "utilm|2|00|heap free {r3} KB, largest block {r3} KB",
    "pps  |3|00|pps: battery {r2}% charging 0",
    "srtp |2|00|srtpSession: rekey index {r3}",
]

GOOD = [
    "sip  |*|00|Sip Register Usr:{user} Dsp:{user} Auth:'{user}' Inx:0",
    "dns  |1|00|doDnsLookupForList for record NAPTR: hostname 'voice.bench.example' attempting..",
    "dns  |2|00|Hit in Dynamic DNS cache for voice.bench.example(NAPTR) expires in {r3} seconds",
    "dns  |1|00|doDnsLookupForList for record SRV: hostname '_sip._udp.voice.bench.example' attempting..",
    "dns  |2|00|Miss in All DNS cache for _sip._udp.voice.bench.example(SRV)",
    "dns  |2|00|Miss in All DNS cache for _sip._udp.voice(SRV)",
    "dns  |3|00|DNS lookup for (SRV) '_sip._udp.voice.bench.example'() TTL=300",
    "dns  |1|00|srv: Added to tail",
    "dns  |1|00|target:port 'sbc1.bench.example.:5060'",
    "dns  |1|00|priority '10'",
    "dns  |1|00|weight '50'",
    "dns  |1|00|srv: Added to tail",
    "dns  |1|00|target:port 'sbc2.bench.example.:5060'",
    "dns  |1|00|priority '20'",
    "dns  |1|00|weight '50'",
    "dns  |2|00|Added Dynamic DNS cache entry for _sip._udp.voice.bench.example(SRV) expires in 300 seconds",
    "dns  |1|00|dnsSrv2A calling LookupForList(A) for 'sbc1.bench.example.' port 5060",
    "dns  |1|00|doDnsLookupForList for record A: hostname 'sbc1.bench.example.' attempting..",
    "dns  |3|00|DNS lookup for (A) 'sbc1.bench.example.'(192.0.2.61) TTL=300",
    "dns  |1|00|dnsSrv2A calling LookupForList(A) for 'sbc2.bench.example.' port 5060",
    "dns  |1|00|doDnsLookupForList for record A: hostname 'sbc2.bench.example.' attempting..",
    "dns  |3|00|DNS lookup for (A) 'sbc2.bench.example.'(192.0.2.62) TTL=300",
    "dns  |1|00|dnsSrv2A for host '_sip._udp.voice.bench.example' returned OK",
    "dns  |1|00|doDnsLookupForList for record A: hostname '192.0.2.61' attempting..",
    "dns  |1|00|doDnsLookupForList(A): returning passed in ipAddress '192.0.2.61'",
]

BAD = [
    "sip  |*|00|Sip Register Usr:{user} Dsp:{user} Auth:'{user}' Inx:1",
    "dns  |1|00|doDnsLookupForList for record NAPTR: hostname 'old.bench.example' attempting..",
    "dns  |2|00|Miss in All DNS cache for old.bench.example(NAPTR)",
    "dns  |3|00|DNS lookup for (NAPTR) 'old.bench.example' found no match (err code: 4)",
    "dns  |2|00|Added Negative DNS cache entry for old.bench.example(NAPTR) expires in 36 seconds",
    "sip  |4|00|NAPTR query for host 'old.bench.example' returned no results",
    "dns  |1|00|doDnsLookupForList for record SRV: hostname '_sip._udp.old.bench.example' attempting..",
    "dns  |3|00|DNS lookup for (SRV) '_sip._udp.old.bench.example' found no match (err code: 4)",
    "dns  |1|00|doDnsSrvLookupForARecordList(udp): Doing DNS A lookup (port 0)",
    "dns  |1|00|doDnsLookupForList for record A: hostname 'old.bench.example' attempting..",
    "dns  |3|00|DNS lookup for (A) 'old.bench.example' found no match (err code: 4)",
    "sip  |4|00|doDnsListLookup(udp): doDnsSrvLookupForARecordList 'old.bench.example' found no records.",
    "sip  |4|00|Registration failed User: {user}, Error Code:480 Temporarily not available",
]


def block(rng, second):
    """About 256 KiB of lines: noise with one registration story."""
    lines = []
    story = GOOD if rng.random() < 0.8 else BAD
    at = rng.randrange(1500)
    size = 0
    while size < 256 * 1024:
        if len(lines) == at:
            body = story
        else:
            body = [rng.choice(NOISE)]
        for text in body:
            second += rng.random() < 0.05
            stamp = "%02d%02d%02d%02d%02d" % (5, 1 + second // 86400 % 28, second // 3600 % 24, second // 60 % 60, second % 60)
            line = stamp + "|" + text.format(r2=rng.randrange(10, 99), r3=rng.randrange(100, 999), user=2000 + rng.randrange(50))
            lines.append(line)
            size += len(line) + 1
    return "\n".join(lines) + "\n", second


def main():
    size_mib = int(sys.argv[1])
    rng = random.Random(42)
    second = 0
    written = 0
    with open(sys.argv[2], "w") as out:
        while written < size_mib << 20:
            if written % (64 << 20) < 256 * 1024:
                out.write("0501000000|so   |*|00|Initial log entry. Current logging level 1\n")
            text, second = block(rng, second)
            out.write(text)
            written += len(text)


if __name__ == "__main__":
    main()
