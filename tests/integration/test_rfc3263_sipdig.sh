#!/usr/bin/env bash
# A real RFC 3263 implementation as the oracle of `--profile rfc3263`: Sofia-SIP's
# sip-dig (Debian sofia-sip-bin) and sipfo resolve the same URIs against the same
# NSD, loaded with tests/integration/rfc3263/sipdig.test.zone, and their candidate
# lists are compared. Where RFC 2782's weighted draw makes the order within one
# priority random, each priority group is compared as a set.
#
# sip-dig cannot be given a DNS port (SRESOLV_CONF names a resolv.conf whose
# nameserver is asked on port 53), so the whole test runs in its own network
# namespace (unshare -n) with only lo up: NSD listens on 127.0.53.21:53 there,
# and neither tool can reach the machine's resolver or anything else.
#
# Where sipfo departs from sip-dig, the case says why, with the RFC section; the
# summary line counts agreements and departures.
set -u
sipfo=$1
source_dir=$2
cd "$source_dir" || exit 2

if [[ -z ${SIPFO_RFC3263_NETNS:-} ]]; then
  source tests/integration/lib/cleanup.sh
  install_debian_package sofia-sip-bin /usr/bin/sip-dig || exit 1
  install_debian_package nsd /usr/sbin/nsd || exit 1
  install_debian_package knot-dnsutils /usr/bin/kdig || exit 1
  if ! unshare -n true 2>/dev/null; then
    echo "FAIL: cannot create a network namespace (unshare -n needs root or CAP_SYS_ADMIN)"
    exit 1
  fi
  exec env SIPFO_RFC3263_NETNS=1 unshare -n -- "$0" "$@"
fi

ip link set lo up || { echo "FAIL: cannot bring lo up in the namespace"; exit 1; }
source tests/integration/lib/nsd.sh
addr=127.0.53.21
nsd_start "$addr" 53 tests/integration/rfc3263 || { echo "FAIL: could not start nsd"; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/sipfo-sipdig.XXXXXX")
cleanup_on_exit "rm -rf -- '$work'"
printf 'nameserver %s\n' "$addr" > "$work/resolv.conf"

passed=0 failed=0 agree=0 depart=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
pass() { passed=$((passed + 1)); }

# sip-dig URI: its candidates, one line per preference group, the members
# ("transport port address") sorted within the group. The transports are given
# in sipfo's order of preference (TLS, TCP, UDP) so the groups line up; SCTP is
# not one sipfo supports.
dig_groups() {
  SRESOLV_CONF="$work/resolv.conf" timeout 20 sip-dig --tls --tcp --udp "$1" 2>/dev/null |
    awk '$1 ~ /^[0-9]+$/ { print $1 "\t" $3 " " $4 " " $5 }' | LC_ALL=C sort -t "$(printf '\t')" -k1,1n -k2,2 |
    awk -F'\t' '$1 != g { if (NR > 1) print line; line = $2; g = $1; next } { line = line ", " $2 } END { if (NR) print line }'
}

# sipfo SPEC OPTIONS...: its JSON against the namespace's NSD.
sipfo_json() {
  "$sipfo" resolve "$@" --profile rfc3263 --dns-server "$addr:53" --timeout 2s --json
}

# The same grouping for sipfo: consecutive candidates from one SRV name and
# priority (or from one name's address records) form a group.
groups_jq='[.candidates[] | {k: "\(.origin)|\(.srv_name // "")|\(.priority)|\(.target // "")",
                             m: "\(.transport) \(.port) \(.address)"}
            | .k |= (if startswith("srv|") then (split("|")[0:3] | join("|")) else . end)]
  | reduce .[] as $c ([]; if length > 0 and .[-1].k == $c.k then .[-1].m += [$c.m] else . + [{k: $c.k, m: [$c.m]}] end)
  | .[] | .m | sort | join(", ")'
sipfo_groups() { sipfo_json "$@" | jq -r "$groups_jq"; }

# agree NAME URI SIPFO_ARGS...: the two lists of priority groups are equal.
agree() {
  local name=$1 uri=$2; shift 2
  local dig ours
  dig=$(dig_groups "$uri")
  ours=$(sipfo_groups "$@")
  if [[ -z $dig ]]; then
    fail "$name: sip-dig found nothing for $uri"
  elif [[ $dig == "$ours" ]]; then
    pass; agree=$((agree + 1))
  else
    fail "$name: sip-dig and sipfo differ for $uri"
    diff <(echo "$dig") <(echo "$ours") | head -20
  fi
}

# departed NAME: one more case where sipfo knowingly differs (each checks both sides).
departed() { depart=$((depart + 1)); }

# --- Agreements -------------------------------------------------------------

# RFC 3403 4.1: within one order, preference decides (the zone lists UDP first).
agree "NAPTR preference" "sip:pref.sipdig.test" pref.sipdig.test
# RFC 3263 4.1: a SIPS URI keeps only the SIPS services.
agree "SIPS NAPTR" "sips:sips.sipdig.test" sips:sips.sipdig.test
# A NAPTR record whose SRV name does not exist is passed over for the next one.
agree "NAPTR dead end, same order" "sip:deadpref.sipdig.test" deadpref.sipdig.test
# RFC 2782 priorities; one target with AAAA and A (both list IPv6 first).
agree "SRV priorities, AAAA and A" "sip:prio.sipdig.test" prio.sipdig.test
# RFC 2782 weights: the draw is random, so the priority groups are sets. Several
# seeds: the group sets must not depend on the draw.
for seed in 1 2 3; do
  agree "SRV weights (seed $seed)" "sip:weights.sipdig.test;transport=tcp" weights.sipdig.test --transport tcp --seed "$seed"
done
# RFC 3263 4.1: without NAPTR, every transport whose SRV query succeeds is usable.
agree "no NAPTR, TCP and UDP SRV" "sip:transports.sipdig.test" transports.sipdig.test
# An SRV target that is a CNAME is followed by both (sipfo adds a finding).
agree "SRV target CNAME" "sip:cname.sipdig.test" cname.sipdig.test
codes=$(sipfo_json cname.sipdig.test | jq -r '[.findings[].code] | join(" ")')
[[ $codes == *srv_target_cname* ]] && pass || fail "SRV target CNAME: no srv_target_cname finding ($codes)"
# RFC 2782 "Target: The domain name of the target host": a target written as an
# address is a name to look up; it has no address record, so both skip it.
agree "numeric SRV target" "sip:numeric.sipdig.test" numeric.sipdig.test

# --- Departures, each checked on both sides --------------------------------

# A fallback: sip-dig lists every address for UDP and TCP; RFC 3263 4.1 says "If
# no SRV records are found, the client SHOULD use TCP for a SIPS URI, and UDP for
# a SIP URI", which sipfo does. The UDP lines must agree, in order (AAAA first).
for case in "afall.sipdig.test|sip:afall.sipdig.test" "port.sipdig.test:5080|sip:port.sipdig.test:5080"; do
  spec=${case%%|*} uri=${case#*|}
  dig_udp=$(SRESOLV_CONF="$work/resolv.conf" timeout 20 sip-dig --tls --tcp --udp "$uri" 2>/dev/null |
    awk '$3 == "udp" { print $3 " " $4 " " $5 }')
  dig_tcp=$(SRESOLV_CONF="$work/resolv.conf" timeout 20 sip-dig --tls --tcp --udp "$uri" 2>/dev/null | awk '$3 == "tcp"' | wc -l)
  ours=$(sipfo_json "$spec" | jq -r '.candidates[] | "\(.transport) \(.port) \(.address)"')
  if [[ -n $dig_udp && $dig_udp == "$ours" && $dig_tcp -gt 0 ]]; then
    pass; departed
  else
    fail "A fallback $spec: expected sip-dig's UDP lines (plus TCP ones) and sipfo's UDP only; sip-dig UDP '$dig_udp', TCP lines $dig_tcp, sipfo '$ours'"
  fi
done

# NAPTR orders: sip-dig follows only the lowest order that has a usable record
# (RFC 2915's "MUST NOT consider NAPTRs with a higher value for order", which RFC
# 3403 4.1 no longer has); sipfo, like Kamailio, lists the higher order as the
# next failover. sip-dig's groups must be sipfo's first ones.
dig=$(dig_groups "sip:orders.sipdig.test")
ours=$(sipfo_groups orders.sipdig.test)
if [[ $(echo "$ours" | head -n "$(echo "$dig" | wc -l)") == "$dig" && $(echo "$ours" | tail -n 1) == "udp 5060 127.0.2.3" ]]; then
  pass; departed
else
  fail "NAPTR orders: sip-dig '$dig' should be the head of sipfo '$ours', then udp 5060 127.0.2.3"
fi

# NAPTR dead end at the first order: sip-dig goes straight to the A records
# (127.0.5.9); sipfo follows the order-20 record to its SRV (127.0.5.1).
dig=$(dig_groups "sip:deadorder.sipdig.test")
ours=$(sipfo_groups deadorder.sipdig.test)
if [[ $dig == "tcp 5060 127.0.5.9, udp 5060 127.0.5.9" && $ours == "udp 5060 127.0.5.1" ]]; then
  pass; departed
else
  fail "NAPTR dead end across orders: sip-dig '$dig', sipfo '$ours'"
fi

# Unsorted SRV answer without NAPTR: sip-dig keeps the answer's priority order;
# RFC 2782 says "A client MUST attempt to contact the target host with the
# lowest-numbered priority it can reach". The groups agree as a set; sipfo's
# first is priority 10.
dig=$(dig_groups "sip:unsorted.sipdig.test" | sort)
ours=$(sipfo_groups unsorted.sipdig.test)
first=$(sipfo_json unsorted.sipdig.test | jq -r '.candidates[0].address')
if [[ -n $dig && $dig == "$(echo "$ours" | sort)" && $first == 127.0.7.1 ]]; then
  pass; departed
else
  fail "unsorted SRV: sip-dig groups '$dig', sipfo '$ours' (first $first, expected 127.0.7.1)"
fi

# Weight 0 everywhere: sip-dig drops a priority group whose weights are all 0 when
# another group follows; RFC 2782 keeps weight-0 records selectable ("records with
# weight 0 should have a very small chance of being selected", not none).
dig=$(dig_groups "sip:wzero.sipdig.test")
ours=$(sipfo_groups wzero.sipdig.test)
if [[ $dig == "udp 5060 127.0.17.2" && $ours == $'udp 5060 127.0.17.1\nudp 5060 127.0.17.2' ]]; then
  pass; departed
else
  fail "weight 0: sip-dig '$dig', sipfo '$ours'"
fi

# Target ".": RFC 2782 "the service is decidedly not available at this domain";
# sip-dig falls back to the A record, sipfo stops with srv_service_unavailable.
dig=$(dig_groups "sip:dot.sipdig.test")
out=$(sipfo_json dot.sipdig.test)
if [[ -n $dig && $(echo "$out" | jq '.candidates | length') == 0 &&
      $(echo "$out" | jq -r '[.findings[].code] | join(" ")') == *srv_service_unavailable* ]]; then
  pass; departed
else
  fail "target '.': sip-dig '$dig', sipfo $(echo "$out" | jq -c '[.candidates | length, [.findings[].code]]')"
fi

# Truncation: 40 SRV records do not fit a 512-byte UDP answer; sip-dig does not
# ask again over TCP and finds nothing; RFC 7766 section 5 (after RFC 1035 4.2.1) has the
# client retry over TCP, as sipfo does, with a finding.
dig=$(dig_groups "sip:big.sipdig.test")
out=$(sipfo_json big.sipdig.test)
if [[ -z $dig && $(echo "$out" | jq '.candidates | length') == 40 &&
      $(echo "$out" | jq -r '[.queries[] | select(.type == "SRV" and .truncated) | .carrier] | join(" ")') == *tcp* ]]; then
  pass; departed
else
  fail "truncated SRV answer: sip-dig '$dig', sipfo $(echo "$out" | jq -c '[.candidates | length, [.findings[].code]]')"
fi

# SRV port 0: sip-dig lists it ("udp 0 ..."); nothing can be sent to port 0. The
# usable priority-20 record must agree; how sipfo treats the port-0 record itself
# is a profile rule with its own unit tests.
dig=$(dig_groups "sip:portzero.sipdig.test")
ours=$(sipfo_groups portzero.sipdig.test)
if [[ $dig == $'udp 0 127.0.14.1\nudp 5060 127.0.14.2' && $ours == *"udp 5060 127.0.14.2"* ]]; then
  pass; departed
else
  fail "SRV port 0: sip-dig '$dig', sipfo '$ours'"
fi

echo "rfc3263 against sip-dig: $agree cases agree, $depart depart (reasons above); $passed passed, $failed failed"
[[ $failed == 0 ]]
