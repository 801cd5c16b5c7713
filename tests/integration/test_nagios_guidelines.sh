#!/usr/bin/env bash
# `--format=nagios` of probe, resolve and parse-log run through the Monitoring
# Plugins development guidelines (lib/nagios_guidelines.py: status line, perfdata
# grammar, units, ranges, min/max, long output), and the -w/-c thresholds of
# probe against real peers on loopback: SIPp answering 200, a closed port.
# Usage: test_nagios_guidelines.sh SIPFO_BINARY SOURCE_DIR
set -euo pipefail
source "$(dirname "$0")/lib/sip_peers.sh"
peers_init
SIPFO="$1"
SRC="$2"
GUIDELINES="$(dirname "$0")/lib/nagios_guidelines.py"

start_sipp uas_200.xml 127.0.54.1 5060 udp
start_sipp uas_200.xml 127.0.54.2 5060 udp
# 127.0.54.3:5060 stays closed: down at once (ICMP port unreachable).

# run_nagios NAME SERVICE WANT_RC COMMAND...: runs a check, keeps its output in
# $out, checks the exit status and the output against the guidelines.
run_nagios() {
  local name="$1" service="$2" want="$3" rc verdict
  shift 3
  set +e
  out="$("$@" 2>"$PEER_DIR/err")"
  rc=$?
  verdict="$(printf '%s\n' "$out" | python3 "$GUIDELINES" "$rc" "$service" 2>&1)"
  set -e
  check "$name: exit status" "$rc" "$want"
  check "$name: keeps the guidelines ${verdict:+($verdict)}" "$verdict" ""
}

up2=(--target 127.0.54.1:5060/udp --target 127.0.54.2:5060/udp)
one_down=(--target 127.0.54.1:5060/udp --target 127.0.54.3:5060/udp)

run_nagios "probe, all up" SIP 0 "$SIPFO" probe "${up2[@]}" --format=nagios
check "OK status line" "$(printf '%s\n' "$out" | head -n 1 | cut -d'|' -f1)" "SIP OK - 2/2 up, active 127.0.54.1:5060/udp "
check "perfdata up/down with min and max" "$(printf '%s\n' "$out" | head -n 1 | grep -o "'up'=2;;;0;2 'down'=0;;;0;2" || true)" "'up'=2;;;0;2 'down'=0;;;0;2"
check "a quoted rtt label per server, in ms" "$(printf '%s\n' "$out" | head -n 1 | grep -oE "'rtt_127\.0\.54\.[12]:5060/udp'=[0-9]+ms;;;0" | wc -l)" 2
check "one long-output line per candidate" "$(printf '%s\n' "$out" | grep -c '^1:1 127.0.54.1:5060/udp up (active): OPTIONS 200\|^2:1 127.0.54.2:5060/udp up: OPTIONS 200')" 2

run_nagios "probe, one down" SIP 1 "$SIPFO" probe "${one_down[@]}" --format=nagios
check "WARNING names the down server" "$(printf '%s\n' "$out" | head -n 1 | cut -d'|' -f1)" \
  "SIP WARNING - 1/2 up (1 down), active 127.0.54.1:5060/udp; 127.0.54.3:5060/udp down "
check "the down server's rtt is U" "$(printf '%s\n' "$out" | head -n 1 | grep -c "'rtt_127.0.54.3:5060/udp'=U;;;0")" 1
check "its long-output line" "$(printf '%s\n' "$out" | grep -c '^2:1 127.0.54.3:5060/udp down: OPTIONS 503 (local: ')" 1

run_nagios "probe -c 2: (at least two up)" SIP 2 "$SIPFO" probe "${one_down[@]}" --format=nagios -w 2: -c 2:
check "CRITICAL by the threshold" "$(printf '%s\n' "$out" | head -n 1 | cut -d' ' -f2)" CRITICAL
check "the ranges in the up perfdata" "$(printf '%s\n' "$out" | head -n 1 | grep -c "'up'=1;2:;2:;0;2")" 1
check "the crossed threshold in the long output" "$(printf '%s\n' "$out" | grep -c '^CRITICAL: 1 up, outside the critical range 2:$')" 1

run_nagios "probe -w 2: with two up" SIP 0 "$SIPFO" probe "${up2[@]}" --format=nagios --warning 2: --critical 1:
run_nagios "probe rtt inside @0:60000 (warning)" SIP 1 "$SIPFO" probe "${up2[@]}" --format=nagios -w ,@0:60000
check "rtt ranges on every rtt label" "$(printf '%s\n' "$out" | head -n 1 | grep -oE "'rtt_[^']*'=[0-9]+ms;@0:60000;;0" | wc -l)" 2
check "each server's crossing named" "$(printf '%s\n' "$out" | grep -c '^WARNING: 127.0.54.[12]:5060/udp answered OPTIONS in [0-9]* ms, outside the warning range @0:60000$')" 2
run_nagios "probe rtt over ~:-1 (critical)" SIP 2 "$SIPFO" probe "${up2[@]}" --format=nagios -w ,1 -c ,~:-1

run_nagios "probe, bad range" SIP 3 "$SIPFO" probe "${up2[@]}" --format=nagios -w 5:2
check "UNKNOWN line on stdout" "$out" "SIP UNKNOWN - bad --warning UP range '5:2'"
check "the usual line on stderr" "$(cat "$PEER_DIR/err")" \
  "sipfo: bad --warning UP range '5:2' (write a Monitoring Plugins range: 10, 10:, ~:10, 10:20 or @10:20)"
run_nagios "probe, bad -c" SIP 3 "$SIPFO" probe "${up2[@]}" --format=nagios -c 1:,fast,3

# resolve and parse-log: offline, on the fixtures.
run_nagios "resolve, two candidates" "SIP DNS" 0 "$SIPFO" resolve eslab.local --zone "$SRC/fixtures/zones/eslab.local.zone" --format=nagios
check "resolve: a long line per candidate" "$(printf '%s\n' "$out" | tail -n +2 | grep -c ' from ')" \
  "$("$SIPFO" resolve eslab.local --zone "$SRC/fixtures/zones/eslab.local.zone" --json | jq '.candidates | length')"
run_nagios "resolve, a missing name" "SIP DNS" 2 "$SIPFO" resolve nosuch.lab.test --zone "$SRC/fixtures/zones/lab.test.zone" --format=nagios
check "resolve: no candidate is critical, perfdata says 0" "$(printf '%s\n' "$out" | head -n 1 | grep -c "'candidates'=0;;1:;0")" 1
run_nagios "resolve, an error finding with candidates" "SIP DNS" 1 "$SIPFO" resolve typo.lab.test --zone "$SRC/fixtures/zones/lab.test.zone" --format=nagios
check "resolve: the error named in the status line" "$(printf '%s\n' "$out" | head -n 1 | grep -c "; error naptr_replacement_malformed")" 1
run_nagios "resolve, bad option" "SIP DNS" 3 "$SIPFO" resolve eslab.local --zone "$SRC/fixtures/zones/eslab.local.zone" --format=nagios --json

logs=("$SRC"/fixtures/logs/00907a1c000[1-4]-app.log)
want_rc="$("$SIPFO" parse-log --json "${logs[@]}" | jq .exit_status || true)"
run_nagios "parse-log, four files" "SIP LOG" "$want_rc" "$SIPFO" parse-log --format=nagios "${logs[@]}"
check "parse-log: a long line per file" "$(printf '%s\n' "$out" | tail -n +2 | grep -c 'app.log: ')" 4
check "parse-log: outcomes as the JSON has them" \
  "$(printf '%s\n' "$out" | tail -n +2 | sed -E 's/^[^:]*app\.log: ([a-z]+).*/\1/' | sort | tr '\n' ' ')" \
  "$("$SIPFO" parse-log --json "${logs[@]}" | jq -r '.files[].outcome' | sort | tr '\n' ' ')"
run_nagios "parse-log, no such file" "SIP LOG" 3 "$SIPFO" parse-log --format=nagios "$PEER_DIR/none-app.log"

finish
