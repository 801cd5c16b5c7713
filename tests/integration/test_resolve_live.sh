#!/usr/bin/env bash
# `sipfo resolve` against a real authoritative DNS server (NSD) on loopback,
# loaded with fixtures/zones: every case of fixtures/zones/cases.txt, with every
# profile, must give the same result live (--dns-server) as offline (--zone):
# same candidates, same queries with the same outcomes, TTLs and records, same
# findings. A few known facts are then checked on the live answers themselves, so
# two equally wrong results cannot pass.
set -u
sipfo=$1
source_dir=$2
cd "$source_dir" || exit 2
source tests/integration/lib/nsd.sh

addr=127.0.53.11 port=53111
nsd_start "$addr" "$port" fixtures/zones || { echo "could not start nsd"; exit 1; }

zones=()
for zone in fixtures/zones/*.zone; do zones+=(--zone "$zone"); done

# What must agree; the source, timing and byte size legitimately differ.
normalise='{exit_status,
  candidates,
  findings: [.findings[] | {severity, code}],
  queries: [.queries[] | {type, name, outcome, ttl, truncated, records: [.records[].rdata]}]}'

passed=0 failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }

# compare SPEC OPTIONS...: one case, offline and live.
compare() {
  local spec=$1; shift
  local offline live
  offline=$("$sipfo" resolve "$spec" "$@" --seed 7 --json "${zones[@]}" | jq -S "$normalise")
  live=$("$sipfo" resolve "$spec" "$@" --seed 7 --json --dns-server "$addr:$port" --timeout 2s | jq -S "$normalise")
  if [[ -z $offline || -z $live ]]; then
    fail "$spec $*: no JSON"
  elif [[ $offline != "$live" ]]; then
    fail "$spec $*: live and zone answers differ"
    diff <(echo "$offline") <(echo "$live") | head -40
  else
    passed=$((passed + 1))
  fi
}

while read -r spec options; do
  [[ -z $spec || $spec == \#* ]] && continue
  read -ra extra <<< "$options"
  for profile in spectralink-84 pivot yealink rfc3263; do
    compare "$spec" "${extra[@]}" --profile "$profile"
  done
  # Yealink with DNS-NAPTR and port 0 (its defaults are UDP and 5060), both naptr_build values.
  if [[ -z $options ]]; then
    compare "$spec" --profile yealink --transport 3 --port 0 --naptr-build 0
    compare "$spec" --profile yealink --transport 3 --port 0 --naptr-build 1
  fi
done < fixtures/zones/cases.txt

# PIVOT server fields of several values.
compare "eslab.local; pbx-east.eslab.local; 10.40.1.32" --profile pivot
compare "lab.test; _sip._udp.weights.lab.test; pool.lab.test; missing.lab.test" --profile pivot

# Known facts about the live answers (from the zone files, by hand).
live_json() { "$sipfo" resolve "$@" --dns-server "$addr:$port" --json; }

first=$(live_json eslab.local | jq -r '[.candidates[] | "\(.address):\(.port)/\(.transport)"] | join(" ")')
[[ $first == "10.40.1.31:5060/udp 10.40.1.32:5060/udp" ]] && passed=$((passed + 1)) \
  || fail "eslab.local: expected pbx-east then pbx-west, got '$first'"

outcomes=$(live_json testserver.eslab.local | jq -r '[.queries[] | "\(.type):\(.outcome):\(.ttl)"] | join(" ")')
[[ $outcomes == "NAPTR:NXDOMAIN:30 SRV:NXDOMAIN:30 A:NXDOMAIN:30" ]] && passed=$((passed + 1)) \
  || fail "testserver.eslab.local: expected three NXDOMAIN with negative TTL 30 (SOA minimum), got '$outcomes'"

big=$(live_json big.test | jq -r '[.queries[] | select(.type == "SRV") | "\(.truncated)/\(.carrier)/\(.records | length)"] | join(" ")')
[[ $big == "true/tcp/30" ]] && passed=$((passed + 1)) \
  || fail "big.test: expected a truncated UDP answer retried over TCP with 30 records, got '$big'"

nodata=$(live_json weights.lab.test | jq -r '.queries[0] | "\(.outcome)/\(.ttl)"')
[[ $nodata == "NODATA/60" ]] && passed=$((passed + 1)) \
  || fail "weights.lab.test NAPTR: expected NODATA with negative TTL 60, got '$nodata'"

live_json eslab.local >/dev/null; status=$?
[[ $status == 0 ]] && passed=$((passed + 1)) || fail "eslab.local: exit status $status, expected 0"
live_json testserver.eslab.local >/dev/null; status=$?
[[ $status == 2 ]] && passed=$((passed + 1)) || fail "testserver.eslab.local: exit status $status, expected 2"

echo "resolve live: $passed passed, $failed failed"
[[ $failed == 0 ]]
