#!/usr/bin/env bash
# A DNS server that never answers, and one whose port is closed: `sipfo resolve`
# reports TIMEOUT (or UNREACHABLE) outcomes within the documented bound and never
# hangs: each query gives up after --timeout, and the 84-Series chain asks at most
# NAPTR, SRV and A one after another.
set -u
sipfo=$1
source_dir=$2
cd "$source_dir" || exit 2
source tests/integration/lib/silent_dns.sh

addr=127.0.53.12 port=53112
silent_dns_start "$sipfo" "$addr" "$port" || { echo "could not start the silent server"; exit 1; }

passed=0 failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }

start=$(date +%s%N)
out=$(timeout 30 "$sipfo" resolve eslab.local --dns-server "$addr:$port" --timeout 1s --json)
status=$?
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
outcomes=$(echo "$out" | jq -r '[.queries[] | .outcome] | join(" ")')
[[ $outcomes == "TIMEOUT TIMEOUT TIMEOUT" ]] && passed=$((passed + 1)) \
  || fail "silent server: expected three TIMEOUT queries (NAPTR, SRV, A), got '$outcomes'"
[[ $status == 2 ]] && passed=$((passed + 1)) || fail "silent server: exit status $status, expected 2"
# Three queries of 1 s each; generous slack for a loaded machine, far below a hang.
(( elapsed_ms < 3 * 1000 + 2000 )) && passed=$((passed + 1)) \
  || fail "silent server: took ${elapsed_ms} ms, the bound is 3 x --timeout"
codes=$(echo "$out" | jq -r '[.findings[].code] | unique | join(" ")')
[[ $codes == "dns_timeout" ]] && passed=$((passed + 1)) || fail "silent server: findings '$codes'"

# Nothing listens on this port: ICMP port unreachable, reported at once.
out=$(timeout 30 "$sipfo" resolve eslab.local --dns-server 127.0.53.13:53113 --timeout 2s --json)
outcomes=$(echo "$out" | jq -r '[.queries[] | .outcome] | unique | join(" ")')
[[ $outcomes == "UNREACHABLE" ]] && passed=$((passed + 1)) \
  || fail "closed port: expected UNREACHABLE, got '$outcomes'"

echo "resolve timeout: $passed passed, $failed failed"
[[ $failed == 0 ]]
