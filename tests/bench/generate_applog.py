#!/usr/bin/env python3
"""Writes a large 84-Series app.log for the parse-log benchmark, at one of two densities.

sparse (today's default): mostly noise from other modules (audio, Wi-Fi, provisioning,
  tickets) with one registration story every ~256 KiB (good NAPTR/SRV/A chains,
  cache-hit re-registrations, NXDOMAIN failures with negative caching) and a boot
  marker every ~64 MiB. About 0.5 % of the lines are `|dns`.

dns: what a phone writes at log.level.change.dns="1" (what Technical Bulletin CS-14-17,
  "Troubleshooting", asks for): every registration, and every renewal of it each
  `expires` seconds, walks NAPTR -> SRV -> A again, with the cache misses, answers,
  records and cache entries logged line by line; unrelated names (provisioning, NTP,
  presence) are looked up in between; boots are short (a phone that restarts often:
  tens of thousands of boots in 512 MiB). Some registrations fail first (a missing
  name, served again from the negative cache; a REGISTER that times out and fails
  over) and recover at the next try. About 57 % of the lines are `|dns` and 512 MiB
  holds about 7.5 M lines.

Never committed: tests/bench/parse_log_bench.sh makes the files at bench time.
Deterministic: the same arguments give the same bytes.

    python3 generate_applog.py [--density sparse|dns] SIZE_MIB OUTPUT
"""

import argparse
import random

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


def sparse_block(rng, second):
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


def write_sparse(size_mib, path):
    rng = random.Random(42)
    second = 0
    written = 0
    with open(path, "w") as out:
        while written < size_mib << 20:
            if written % (64 << 20) < 256 * 1024:
                out.write("0501000000|so   |*|00|Initial log entry. Current logging level 1\n")
            text, second = sparse_block(rng, second)
            out.write(text)
            written += len(text)


# ---------------------------------------------------------------------------
# dns density: one phone at log.level.change.dns="1"

SITE = "lab.bench.example"
SERVER = "voice." + SITE
SRV_NAME = "_sip._udp." + SERVER
TARGETS = [("sbc1." + SITE + ".", 5060, 10, 60, "192.0.2.71"), ("sbc2." + SITE + ".", 5060, 20, 40, "192.0.2.72")]
UNRELATED = [("prov." + SITE, "198.51.100.10"), ("ntp." + SITE, "198.51.100.11"), ("presence." + SITE, "198.51.100.12")]
EXPIRES = 3600  # reg.1.server.1.expires: the phone renews (and re-resolves) this often
DNS_TTL = 300  # shorter than EXPIRES: every renewal misses the cache and asks again

DENSE_NOISE = [
    ("so", "2", "soCoreAudioTermChg: handset -> idle, ring class 'default', volume %d"),
    ("so", "3", "soCoreAudioTermChg: idle -> handset, codec G.722 ptime 20 ms jitter %d ms"),
    ("wmgr", "3", "wlanMgr: roamed to BSSID 02:00:5e:10:00:%d rssi -%d dBm channel 36 (5 GHz)"),
    ("wmgr", "2", "wlanMgr: background scan complete, %d networks, best rssi -%d dBm"),
    ("net", "2", "DHCP lease renewed from 198.51.100.1 for 600 s, gateway 198.51.100.1"),
    ("tickt", "*", "m_timer [%d]"),
    ("tickt", "*", "m_validUntil [%d]"),
    ("net", "2", "arp: 198.51.100.1 is at 02:00:5e:00:00:%d"),
    ("utilm", "2", "heap free %d KB, largest free block %d KB, allocations 1%d"),
    ("pps", "3", "pps: battery %d%% charging 0, temperature %d C, cradle absent"),
    ("srtp", "2", "srtpSession: rekey index %d for stream audio, lifetime 2^31 packets"),
    ("app1", "3", "ui: backlight off after %d s"),
    ("so", "2", "soKeyEvent: key %d up"),
    ("log", "4", "UtilLogServerC::uploadFifoLog: upload error. protocol 0 result = 17"),
    ("copy", "4", "Could not set the custom header Content-Range for HTTP/s request."),
    ("cfg", "4", "Prov|Download of 'ringtone-%d.wav' failed 403 Forbidden, retry in %d s"),
]


class DenseLog:
    """Lines of one phone in log.render.type 2 (MMDDHHMMSS), written in chunks."""

    def __init__(self, out, seed):
        self.out = out
        self.rng = random.Random(seed)
        self.chunk = []
        self.written = 0
        self.clock = 0  # seconds since the first line
        self.uptime_ms = 0

    def stamp(self):
        c = self.clock
        return "%02d%02d%02d%02d%02d" % (1 + c // 2419200 % 12, 1 + c // 86400 % 28, c // 3600 % 24, c // 60 % 60, c % 60)

    def wait(self, seconds):
        self.clock += seconds
        self.uptime_ms += seconds * 1000

    def add(self, module, level, text):
        if self.rng.random() < 0.3:
            self.wait(1)
        self.uptime_ms += self.rng.randrange(1, 40)
        line = "%s|%-5s|%s|00|%s\n" % (self.stamp(), module, level, text)
        self.chunk.append(line)
        self.written += len(line)
        if len(self.chunk) >= 4096:
            self.flush()

    def flush(self):
        self.out.write("".join(self.chunk))
        self.chunk = []

    def noise(self, count):
        for _ in range(count):
            module, level, text = self.rng.choice(DENSE_NOISE)
            holes = text.count("%d")
            if holes:
                text = text % tuple(self.rng.randrange(10, 99) for _ in range(holes))
            self.add(module, level, text)

    # ---- DNS (the shapes of CS-14-17 "Parsing the Log" and applog-format.md §4) ----
    def dns(self, level, text):
        self.add("dns", level, text)

    def start(self, rtype, name):
        self.dns("1", "doDnsLookupForList for record %s: hostname '%s' attempting.." % (rtype, name))

    def miss(self, rtype, name):
        self.dns("2", "Miss in All DNS cache for %s(%s)" % (name, rtype))
        short = name.rstrip(".")
        if short.endswith("." + SITE):
            self.dns("2", "Miss in All DNS cache for %s(%s)" % (short[: -len(SITE) - 1], rtype))

    def answer_a(self, name, address):
        self.start("A", name)
        if self.rng.random() < 0.3:
            self.dns("2", "Hit in Dynamic DNS cache for %s(A) expires in %d seconds" % (name, self.rng.randrange(10, DNS_TTL)))
            return
        self.miss("A", name)
        self.dns("3", "DNS lookup for (A) '%s'(%s) TTL=%d" % (name, address, DNS_TTL))
        self.dns("2", "Added Dynamic DNS cache entry for %s(A) expires in %d seconds" % (name, DNS_TTL))

    def literal(self, address):
        self.dns("1", "doDnsLookupForList for record A: hostname '%s' attempting.." % address)
        self.dns("1", "doDnsLookupForList(A): returning passed in ipAddress '%s'" % address)

    def naptr(self):
        self.start("NAPTR", SERVER)
        self.miss("NAPTR", SERVER)
        self.dns("3", "DNS lookup for (NAPTR) '%s'() TTL=%d" % (SERVER, DNS_TTL))
        self.dns("1", "Current List:")
        for order, pref, service, replacement in ((10, 50, "SIP+D2U", SRV_NAME), (20, 50, "SIP+D2T", "_sip._tcp." + SERVER)):
            self.dns("1", "order '%d'" % order)
            self.dns("1", "preference '%d'" % pref)
            self.dns("1", "flags 'S'")
            self.dns("1", "service '%s'" % service)
            self.dns("1", "regexp ''")
            self.dns("1", "replacement '%s'" % replacement)
            self.dns("1", "naptr: Added to tail")
        self.dns("2", "Added Dynamic DNS cache entry for %s(NAPTR) expires in %d seconds" % (SERVER, DNS_TTL))

    def srv(self):
        self.start("SRV", SRV_NAME)
        self.miss("SRV", SRV_NAME)
        self.dns("3", "DNS lookup for (SRV) '%s'() TTL=%d" % (SRV_NAME, DNS_TTL))
        for target, port, priority, weight, _ in TARGETS:
            self.dns("1", "srv: Added to tail")
            self.dns("1", "target:port '%s:%d'" % (target, port))
            self.dns("1", "priority '%d'" % priority)
            self.dns("1", "weight '%d'" % weight)
        self.dns("2", "Added Dynamic DNS cache entry for %s(SRV) expires in %d seconds" % (SRV_NAME, DNS_TTL))
        for target, port, _, _, address in TARGETS:
            self.dns("1", "dnsSrv2A calling LookupForList(A) for '%s' port %d" % (target, port))
            self.answer_a(target, address)
        self.dns("1", "dnsSrv2A for host '%s' returned OK" % SRV_NAME)

    def fail(self, rtype, name, negative_ttl=36):
        self.start(rtype, name)
        self.miss(rtype, name)
        self.dns("3", "DNS lookup for (%s) '%s' Server has no Answer" % (rtype, name))
        self.dns("3", "DNS lookup for (%s) '%s' found no match (err code: 4)" % (rtype, name))
        self.dns("2", "doDnsLookupForList for record %s: no match found for '%s'" % (rtype, name))
        self.dns("2", "Added Negative DNS cache entry for %s(%s) expires in %d seconds" % (name, rtype, negative_ttl))
        self.dns("2", "Found DNS cache entry for %s(%s)" % (name, rtype))

    def unrelated(self):
        name, address = self.rng.choice(UNRELATED)
        self.answer_a(name, address)
        self.literal(address)

    # ---- SIP (applog-format.md §5) ----
    def register(self, user):
        self.add("sip", "*", "Sip Register Usr:%s Dsp:%s Auth:'%s' Inx:0" % (user, user, user))

    def registered(self, user):
        """One registration that resolves the whole chain and uses the first target."""
        self.register(user)
        self.naptr()
        if self.rng.random() < 0.4:
            self.unrelated()  # another module's lookup, interleaved
        self.srv()
        self.literal(TARGETS[0][4])

    def name_missing(self, user):
        """The name is not (yet) in DNS: NXDOMAIN all along the chain, the phone's own 480."""
        self.register(user)
        self.fail("NAPTR", SERVER)
        self.add("sip", "4", "NAPTR query for host '%s' returned no results" % SERVER)
        self.fail("SRV", SRV_NAME)
        self.dns("1", "doDnsSrvLookupForARecordList(udp): SRV lookup returned nothing")
        self.dns("1", "doDnsSrvLookupForARecordList(udp): Doing DNS A lookup (port 0)")
        self.fail("A", SERVER)
        self.add("sip", "4", "doDnsListLookup(udp): doDnsSrvLookupForARecordList '%s' found no records." % SERVER)
        self.add("sip", "4", "Registration failed User: %s, Error Code:480 Temporarily not available" % user)

    def timeout_failover(self, user):
        """The first server does not answer the REGISTER; the phone moves to the second."""
        self.registered(user)
        first, second = ("%s:%d" % (t[4], t[1]) for t in TARGETS)
        self.add("sip", "2", "Register request User: %s to %s (udp) CSeq:1" % (user, first))
        self.wait(32)
        self.add("sip", "4", "Register transaction timeout User: %s to %s (udp)" % (user, first))
        self.add("sip", "4", "Registration failed User: %s, Error Code:408 Request Timeout" % user)
        self.add("sip", "4", "Server failover User: %s from %s to %s" % (user, first, second))
        self.add("sip", "2", "Register request User: %s to %s (udp) CSeq:2" % (user, second))
        self.add("sip", "2", "Register response User: %s from %s: 200 OK" % (user, second))
        self.add("sip", "2", "Registration succeeded User: %s, Server: %s, Expires: %d" % (user, second, EXPIRES))

    def boot(self, user, renewals):
        self.uptime_ms = 0
        self.add("so", "*", "Initial log entry. Current logging level 1")
        self.noise(self.rng.randrange(10, 30))
        self.unrelated()  # the provisioning server
        self.noise(self.rng.randrange(2, 6))
        story = self.rng.random()
        if story < 0.08:
            self.name_missing(user)
            self.wait(40)  # past the 36 s negative entries, the next try asks DNS again
            self.noise(self.rng.randrange(2, 5))
            self.registered(user)
        elif story < 0.11:
            self.timeout_failover(user)
        else:
            self.registered(user)
        self.noise(self.rng.randrange(2, 6))
        self.add("sip", "*", "Fast Boot Measurement Point: Ready for Call, uptime: %d.%03d sec." % (
            self.uptime_ms // 1000, self.uptime_ms % 1000))
        for _ in range(renewals):
            self.noise(self.rng.randrange(16, 44))
            if self.rng.random() < 0.3:
                self.unrelated()
            self.wait(EXPIRES)
            self.registered(user)
        self.noise(self.rng.randrange(10, 30))


def write_dns(size_mib, path):
    with open(path, "w") as out:
        log = DenseLog(out, seed=84)
        user = 4100
        while log.written < size_mib << 20:
            # Short boots: most end after one or two renewals (a phone that restarts
            # often, or an append upload that spans months of a site).
            log.boot(str(user), min(log.rng.randrange(0, 3) + log.rng.randrange(0, 2), 3))
        # The file ends registered: the last boot is a plain one.
        log.boot(str(user), 1)
        log.flush()


def main():
    parser = argparse.ArgumentParser(description="Write a large app.log for the parse-log benchmark.")
    parser.add_argument("--density", choices=["sparse", "dns"], default="sparse")
    parser.add_argument("size_mib", type=int)
    parser.add_argument("output")
    args = parser.parse_args()
    if args.density == "dns":
        write_dns(args.size_mib, args.output)
    else:
        write_sparse(args.size_mib, args.output)


if __name__ == "__main__":
    main()
