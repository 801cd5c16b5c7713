#!/usr/bin/env bash
# Hostile and dead DNS servers (issue 16, issue 10 item 9), all on loopback:
#  - a hostile server (lib/hostile_dns.py) answering crafted bytes over UDP and
#    TCP: a reply cut short inside an A rdata or the authority SOA, a compression
#    loop, QR=0, NXDOMAIN with an A record, another ID, another question. resolve
#    and probe never crash; an unreadable reply is MALFORMED with
#    dns_malformed_answer and never called SERVFAIL; nothing of it becomes a
#    candidate;
#  - names with RFC 1035 escapes (\DDD, \.) reach the wire as the right octets
#    (the hostile server logs the labels) and match a real answer from NSD;
#  - --dns-server DEAD --dns-server NSD in both orders (silent and closed): each
#    answer names the server that sent it, the dead one raises
#    dns_server_unanswered, and the candidates are those NSD alone gives.
set -u
sipfo=$1
source_dir=$2
cd "$source_dir" || exit 2
source tests/integration/lib/nsd.sh
source tests/integration/lib/silent_dns.sh

passed=0 failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
check() { # check DESCRIPTION COMMAND...: one assertion
  local what=$1; shift
  if "$@"; then passed=$((passed + 1)); else fail "$what"; fi
}

work=$(mktemp -d "${TMPDIR:-/tmp}/sipfo-hostile.XXXXXX")
cleanup_on_exit "rm -rf -- '$work'"

# ---- the hostile server ----
hostile=127.0.53.20 hostile_port=53120
python3 tests/integration/lib/hostile_dns.py "$hostile" "$hostile_port" "$work/hostile.log" 300 &
hostile_pid=$!
cleanup_on_exit "kill -TERM $hostile_pid 2>/dev/null; wait_for_exit $hostile_pid 5"
for (( i = 0; i < 300; i++ )); do # it binds within a second, or 30 s on a loaded machine
  grep -qi ":$(printf '%04X' "$hostile_port") " /proc/net/udp 2>/dev/null && break
  kill -0 "$hostile_pid" 2>/dev/null || { echo "hostile_dns.py did not start"; exit 1; }
  sleep 0.1
done

# ask SPEC [COMMAND]: sipfo's JSON for SPEC (A lookups only: --port 5060) from the
# hostile server in $out, its exit status in $status.
ask() {
  out=$(timeout 30 "$sipfo" "${2:-resolve}" "$1" --port 5060 --dns-server "$hostile:$hostile_port" --timeout 1s \
        --json 2> "$work/stderr")
  status=$?
}

for via in "" "tcp-"; do
  for mode in cut-a cut-auth loop qr0; do
    spec="$via$mode.test"
    ask "$spec"
    check "$spec: exit status $status (no crash, an error finding: 2)" test "$status" = 2
    check "$spec: outcome MALFORMED" test "$(jq -r '[.queries[].outcome] | join(" ")' <<< "$out")" = MALFORMED
    check "$spec: never called SERVFAIL" bash -c '! grep -q SERVFAIL <<< "$1"' _ "$out"
    check "$spec: dns_malformed_answer names the server" \
      test "$(jq -r --arg s "$hostile@$hostile_port" \
        '[.findings[] | select(.code == "dns_malformed_answer") | .message | contains($s)] | join(" ")' <<< "$out")" = true
    check "$spec: no candidate" test "$(jq '.candidates | length' <<< "$out")" = 0
    expected_carrier=udp
    [[ -n $via ]] && expected_carrier=tcp
    check "$spec: read over $expected_carrier" test "$(jq -r '.queries[0].carrier' <<< "$out")" = "$expected_carrier"
  done
  # probe resolves through the same reader: no crash, no candidate to send to.
  ask "${via}cut-a.test" probe
  check "probe ${via}cut-a.test: exit status $status < 128 and not 3" test "$status" -lt 128 -a "$status" != 3
  check "probe ${via}cut-a.test: the reason is shown" bash -c 'grep -q "RDLENGTH is 4, but only 2 bytes" <<< "$1"' _ "$out"

  # NXDOMAIN carrying an A record: NXDOMAIN, the record not used, reported.
  spec="${via}nxans.test"
  ask "$spec"
  check "$spec: outcome NXDOMAIN" test "$(jq -r '[.queries[].outcome] | join(" ")' <<< "$out")" = NXDOMAIN
  check "$spec: 10.9.9.9 is no candidate" test "$(jq '.candidates | length' <<< "$out")" = 0
  check "$spec: dns_nxdomain_with_data" \
    test "$(jq -r '[.findings[].code] | map(select(. == "dns_nxdomain_with_data" or . == "name_missing")) | sort | join(" ")' <<< "$out")" \
    = "dns_nxdomain_with_data name_missing"

  # Another ID or another question: c-ares drops the reply and waits; nothing used.
  for mode in badid otherq; do
    spec="$via$mode.test"
    ask "$spec"
    check "$spec: outcome TIMEOUT" test "$(jq -r '[.queries[].outcome] | join(" ")' <<< "$out")" = TIMEOUT
    check "$spec: no candidate" test "$(jq '.candidates | length' <<< "$out")" = 0
  done
done

# ---- escapes reach the wire as octets ----
# SRV targets with a space and a dot inside a label; their A queries must carry
# exactly those octets (c-ares 1.18 would ask "a032b" for `a\032b`).
: > "$work/hostile.log"
out=$(timeout 30 "$sipfo" resolve srv-esc.test --dns-server "$hostile:$hostile_port" --timeout 1s --json)
check 'srv-esc.test: both escaped targets give a candidate' \
  test "$(jq -r '[.candidates[] | "\(.target) \(.address)"] | join(",")' <<< "$out")" = \
  'a\032b.good.test. 10.0.0.1,x\.y.good.test. 10.0.0.1'
check 'the wire label of a\032b is "a b"' grep -qF "udp 1 b'a b' b'good' b'test'" "$work/hostile.log"
check 'the wire label of x\.y is "x.y"' grep -qF "udp 1 b'x.y' b'good' b'test'" "$work/hostile.log"

# ---- a real NSD with escaped owners, and a dead server before or after it ----
mkdir "$work/zones"
cp fixtures/zones/eslab.local.zone "$work/zones/"
cat > "$work/zones/esc.test.zone" <<'ZONE'
$ORIGIN esc.test.
$TTL 60
@          IN SOA ns.esc.test. h.esc.test. 1 3600 600 604800 30
           IN NS  ns
ns         IN A   127.0.0.1
_sip._udp  IN SRV 1 10 5060 a\032b
           IN SRV 2 10 5060 x\.y
a\032b     IN A   127.0.0.9
x\.y       IN A   127.0.0.10
ZONE
nsd=127.0.53.21 nsd_port=53121
nsd_start "$nsd" "$nsd_port" "$work/zones" || { echo "could not start nsd"; exit 1; }
out=$(timeout 30 "$sipfo" resolve esc.test --dns-server "$nsd:$nsd_port" --timeout 2s --json)
check "NSD esc.test: the escaped SRV targets resolve to their own addresses" \
  test "$(jq -r '[.candidates[] | "\(.target) \(.address)"] | join(",")' <<< "$out")" = \
  'a\032b.esc.test. 127.0.0.9,x\.y.esc.test. 127.0.0.10'
offline=$("$sipfo" resolve esc.test --zone "$work/zones/esc.test.zone" --json | jq -c '[.candidates[] | .address]')
check "NSD esc.test: the same as the zone file read offline" \
  test "$(jq -c '[.candidates[] | .address]' <<< "$out")" = "$offline"

silent=127.0.53.22 silent_port=53122
silent_dns_start "$sipfo" "$silent" "$silent_port" || { echo "could not start the silent server"; exit 1; }
closed=127.0.53.23:53123 # nothing listens here

shape='[.candidates[] | "\(.address):\(.port)/\(.transport)"] | join(" ")'
alone=$(timeout 30 "$sipfo" resolve eslab.local --dns-server "$nsd:$nsd_port" --timeout 2s --json)
alone_candidates=$(jq -r "$shape" <<< "$alone")
queries=$(jq '.queries | length' <<< "$alone") # NAPTR, SRV and the A of each target
check "NSD alone: candidates from the bulletin zone" test "$alone_candidates" = \
  "10.40.1.31:5060/udp 10.40.1.32:5060/udp"

for dead in "$silent:$silent_port" "$closed"; do
  dead_source=${dead/:/@}
  expected_outcome=TIMEOUT
  [[ $dead == "$closed" ]] && expected_outcome=UNREACHABLE

  start=$(date +%s%N)
  out=$(timeout 60 "$sipfo" resolve eslab.local --dns-server "$dead" --dns-server "$nsd:$nsd_port" --timeout 2s --json)
  status=$?
  took_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  check "$dead first: same candidates as NSD alone" test "$(jq -r "$shape" <<< "$out")" = "$alone_candidates"
  check "$dead first: every answer credited to NSD" \
    test "$(jq -r '[.queries[].source] | unique | join(" ")' <<< "$out")" = "$nsd@$nsd_port"
  check "$dead first: every query passed over $dead_source ($expected_outcome)" \
    test "$(jq -r '[.queries[].servers_passed_over[] | "\(.source) \(.outcome)"] | unique | join(",")' <<< "$out")" \
    = "$dead_source $expected_outcome"
  check "$dead first: dns_server_unanswered names it" \
    test "$(jq -r '[.findings[] | select(.code == "dns_server_unanswered") | .message | startswith("DNS server '"$dead_source"' gave no answer ('"$expected_outcome"') to '"$queries of $queries"' queries")] | join(" ")' <<< "$out")" = true
  check "$dead first: exit status $status is not 0 (a warning stands)" test "$status" != 0
  # A closed port is passed over as refused (checked above), never waited for;
  # how fast that is belongs to the machine, so only the silent server's wait,
  # a lower bound, is checked in time.
  if [[ $dead != "$closed" ]]; then
    # NAPTR, SRV and the targets' A (asked together): three rounds, each first
    # waiting the silent server's share (1 s of 2 s)
    check "$dead first: the silent server costs a share per lookup (${took_ms} ms)" test "$took_ms" -ge 2900
  fi
  text=$(timeout 60 "$sipfo" resolve eslab.local --dns-server "$dead" --dns-server "$nsd:$nsd_port" --timeout 2s)
  check "$dead first: text names the server that answered" grep -qF ";; Received" <<< "$text"
  check "$dead first: text says $dead_source was passed over" \
    grep -qF ";; No answer from $dead_source(UDP)" <<< "$text"
  check "$dead first: text never credits $dead_source with an answer" \
    bash -c '! grep -qF ";; Received" <<< "$(grep -F "$2" <<< "$1")"' _ "$text" "B from $dead_source"

  out=$(timeout 60 "$sipfo" resolve eslab.local --dns-server "$nsd:$nsd_port" --dns-server "$dead" --timeout 2s --json)
  check "$dead second: same candidates" test "$(jq -r "$shape" <<< "$out")" = "$alone_candidates"
  check "$dead second: credited to NSD, nothing passed over" \
    test "$(jq -r '[.queries[] | "\(.source) \(.servers_passed_over | length)"] | unique | join(",")' <<< "$out")" \
    = "$nsd@$nsd_port 0"
  check "$dead second: no dns_server_unanswered" \
    test "$(jq '[.findings[] | select(.code == "dns_server_unanswered")] | length' <<< "$out")" = 0
done

echo "resolve hostile: $passed passed, $failed failed"
[[ $failed == 0 ]]
