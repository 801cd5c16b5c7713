#!/usr/bin/env bash
# `sipfo parse-pcap` on a capture made here while real peers talk over UDP:
# NSD serves pbx.test (NAPTR -> _sip._udp SRV -> p1 priority 10, p2 priority 20,
# A records on 127.0.70.11 and .12); the phone (127.0.70.10) asks NAPTR, SRV and
# both A records with kdig, then registers with SIPp (fixtures/sipp/
# uac_register.xml): p1 has nothing listening, so its REGISTER is retransmitted
# as RFC 3261 17.1.2.2 says (T1 = 500 ms doubling up to T2 = 4 s: +0, +0.5, +1.5,
# +3.5, +7.5, then every 4 s to +27.5: 10 sends, -max_non_invite_retrans 9);
# SIPp gives the transaction up when the next timer fires (+31.5 s), and after a
# pause of 1.5 s, past Timer F (64*T1 = 32 s), the phone registers with p2, a
# SIPp UAS that answers 200. The test therefore lasts about 40 s. tcpdump records lo (Ethernet)
# and, at the same time, -i any (Linux cooked); both captures must tell the same
# story. Usage: test_parse_pcap_udp.sh SIPFO_BINARY SOURCE_DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/lib/cleanup.sh"
source "$here/lib/sip_peers.sh"
source "$here/lib/nsd.sh"
source "$here/lib/capture.sh"
peers_init
# peers_init's EXIT trap would replace cleanup.sh's (and with it nsd_stop): one trap runs both.
cleanup_on_exit peers_cleanup
trap sipfo_run_cleanup EXIT
need_tool tcpdump tcpdump
SIPFO="$1"
SOURCE_DIR="$2"

phone=127.0.70.10 dns=127.0.70.53 p1=127.0.70.11 p2=127.0.70.12
mkdir -p "$PEER_DIR/zones"
cat >"$PEER_DIR/zones/pbx.test.zone" <<ZONE
\$ORIGIN pbx.test.
\$TTL 60
@          IN SOA   ns.pbx.test. admin.pbx.test. 1 3600 600 86400 30
           IN NS    ns
ns         IN A     $dns
@          IN NAPTR 10 50 "s" "SIP+D2U" "" _sip._udp.pbx.test.
_sip._udp  IN SRV   10 50 5060 p1.pbx.test.
_sip._udp  IN SRV   20 50 5060 p2.pbx.test.
p1         IN A     $p1
p2         IN A     $p2
ZONE
nsd_start "$dns" 53 "$PEER_DIR/zones"
start_sipp uas_200.xml "$p2" 5060 udp

lo_capture="$PEER_DIR/lo.pcap"
any_capture="$PEER_DIR/any.pcap"
start_capture "$lo_capture" -i lo net 127.0.70.0/24
any_types="$(tcpdump -L -i any 2>&1 || true)"
any=no
if [[ $any_types == *LINUX_SLL2* ]]; then
  any=yes
  start_capture "$any_capture" -i any -y LINUX_SLL2 net 127.0.70.0/24
fi

# The phone: what an RFC 3263 client asks before it registers, from its own address.
for question in "NAPTR pbx.test" "SRV _sip._udp.pbx.test" "A p1.pbx.test" "A p2.pbx.test"; do
  # shellcheck disable=SC2086
  kdig -b "$phone" @"$dns" -p 53 $question +notcp +time=2 +retry=0 >>"$PEER_DIR/kdig.log" 2>&1
done
run_phone 40 "$p1:5060" -i "$phone" -p 5060 -t u1 -s 1001 -max_non_invite_retrans 9 -ci "$phone" -cp 18889
sleep 1.5
run_phone 10 "$p2:5060" -i "$phone" -p 5060 -t u1 -s 1001 -ci "$phone" -cp 18889

stop_capture "$lo_capture"
[ "$any" = yes ] && stop_capture "$any_capture"

# story CAPTURE NAME: the assertions, each derived from what the peers were made to do.
story() {
  local capture=$1 name=$2 out="$PEER_DIR/$2.json"
  parse_pcap "$out" --json "$capture"
  local j
  j=$(cat "$out")
  check "$name: exit 1 (registered after a server did not answer)" "$RC" 1
  check "$name: one phone, the SIP client $phone" "$(jq -r '[.phones[].phone] | join(" ")' <<<"$j")" "$phone"
  check "$name: verdict recovered, document and phone say exit 1" \
    "$(jq -r '.phones[0] | "\(.verdict) \(.exit_status)"' <<<"$j") $(jq -r .exit_status <<<"$j")" "recovered 1 1"
  check "$name: root cause server_timeout_failover" "$(jq -r '.phones[0].root_cause' <<<"$j")" server_timeout_failover
  check "$name: the four DNS questions in order, all to $dns:53 and answered" \
    "$(jq -r '[.phones[0].dns[] | "\(.type) \(.name) \(.server.address):\(.server.port) \(.outcome)"] | join(", ")' <<<"$j")" \
    "NAPTR pbx.test. $dns:53 NOERROR, SRV _sip._udp.pbx.test. $dns:53 NOERROR, A p1.pbx.test. $dns:53 NOERROR, A p2.pbx.test. $dns:53 NOERROR"
  check "$name: the SRV answer's records with the zone's TTL" \
    "$(jq -r '[.phones[0].dns[1].records[] | "\(.ttl) \(.data)"] | join(", ")' <<<"$j")" \
    "60 10 50 5060 p1.pbx.test., 60 20 50 5060 p2.pbx.test."
  check "$name: no DNS retry (every question answered at once)" "$(jq -r '[.phones[0].dns[].retries] | add' <<<"$j")" 0
  check "$name: servers in the order tried: p1, then p2" \
    "$(jq -r '[.phones[0].servers[] | "\(.address):\(.port)/\(.transport)"] | join(" ")' <<<"$j")" \
    "$p1:5060/udp $p2:5060/udp"
  check "$name: REGISTER to p1 sent 10 times, no response" \
    "$(jq -r '.phones[0].transactions[0] | "\(.method) \(.server.address) \(.sends | length) \(.responses | length)"' <<<"$j")" \
    "REGISTER $p1 10 0"
  # The schedule SIPp was set to keep: +0.5, +1.5, +3.5, +7.5 s, then every 4 s.
  local i expected=(0 500 1500 3500 7500 11500 15500 19500 23500 27500) offsets
  offsets=$(jq -r '[.phones[0].transactions[0].sends[].after_first_ms] | join(" ")' <<<"$j")
  read -r -a offsets <<<"$offsets"
  for i in 1 2 3 4 9; do
    check "$name: p1's send $((i + 1)) about ${expected[i]} ms after the first" \
      "$(within $((expected[i] - 150)) $((expected[i] + 300)) "${offsets[i]:-}")" yes
  done
  check "$name: p1's transaction timed out (the capture runs past Timer F)" \
    "$(jq -r '.phones[0].transactions[0].end' <<<"$j")" "timed out"
  check "$name: one REGISTER of the two failed" "$(jq -r '.phones[0] | "\(.registers) \(.registrations_failed)"' <<<"$j")" "2 1"
  check "$name: REGISTER to p2 answered 200 at once, sent once" \
    "$(jq -r '.phones[0].transactions[1] | "\(.server.address) \(.sends | length) \(.end) \(.final_code)"' <<<"$j")" \
    "$p2 1 success 200"
  check "$name: one failover, p1 -> p2, at p2's first REGISTER" \
    "$(jq -r '[.phones[0].changes[] | "\(.kind) \(.from.address) \(.to.address) \(.packet.number)"] | join(", ")' <<<"$j")" \
    "failover $p1 $p2 $(jq -r '.phones[0].transactions[1].sends[0].number' <<<"$j")"
  check "$name: registered with p2" "$(jq -r '.phones[0].registered_with | "\(.address):\(.port)"' <<<"$j")" "$p2:5060"
  check "$name: server_timeout_failover names p1's first REGISTER among its evidence" \
    "$(jq -r --argjson n "$(jq '.phones[0].transactions[0].sends[0].number' <<<"$j")" \
       '[.phones[0].findings[] | select(.code == "server_timeout_failover") | .evidence[].number] | index($n) != null' <<<"$j")" true
  check "$name: no error-level finding" "$(jq -r '[.phones[0].findings[] | select(.severity == "error")] | length' <<<"$j")" 0
}
story "$lo_capture" "lo"
if [ "$any" = yes ]; then
  story "$any_capture" "any (Linux cooked v2)"
  check "-i any: the same DNS and SIP as lo" \
    "$(jq -c '.phones[0] | [.dns[].name, .transactions[].end, .servers[].address]' "$PEER_DIR/lo.json")" \
    "$(jq -c '.phones[0] | [.dns[].name, .transactions[].end, .servers[].address]' "$PEER_DIR/any (Linux cooked v2).json")"
else
  echo "#   skipped -i any: this tcpdump cannot write LINUX_SLL2"
fi

# The text: headline, the failover line, packet numbers; shown in the test log.
parse_pcap "$PEER_DIR/lo.txt" "$lo_capture"
sed 's/^/#   /' "$PEER_DIR/lo.txt"
check "text: exit 1 too" "$RC" 1
check "text: the headline" "$(grep -c "^phone $phone: RECOVERED after server_timeout_failover$" "$PEER_DIR/lo.txt" || true)" 1
check "text: the failover line with p2's first REGISTER's packet number" \
  "$(grep -cE "^    #$(jq -r '.phones[0].transactions[1].sends[0].number' "$PEER_DIR/lo.json") +\+[0-9.]+ +failover $p1:5060 -> $p2:5060: " "$PEER_DIR/lo.txt" || true)" 1

# --profile spectralink-84: the 84 leaves a server after retryMaxCount = 3
# retries (its documented default), not at Timer F: the 10 sends to p1 deviate.
parse_pcap "$PEER_DIR/model.json" --json --profile spectralink-84 "$lo_capture"
check "--profile spectralink-84: named in the document, exit still 1 (deviations are warnings)" \
  "$(jq -r .profile "$PEER_DIR/model.json") $RC" "spectralink-84 1"
check "--profile spectralink-84: model_retry_count, a warning with observed, expected and its source" \
  "$(jq -r '[.phones[0].findings[] | select(.code == "model_retry_count") |
     "\(.severity) \(.observed != null) \(.expected != null) \(.source | length > 0)"] | first' "$PEER_DIR/model.json")" \
  "warning true true true"
# retries = 3 before the next server (replay's spectralink-84 default): 1 + 3 = 4 sends.
check "--profile spectralink-84: observed 10 sends, expected the rule's 4" \
  "$(jq -r '[.phones[0].findings[] | select(.code == "model_retry_count") |
     "\(.observed | test("\\b10 sends\\b")) \(.expected | test("\\b4 sends\\b"))"] | first' "$PEER_DIR/model.json")" "true true"
# The text of the same check, in the test's log for a person to read.
parse_pcap "$PEER_DIR/model.txt" --profile spectralink-84 "$lo_capture"
sed -n '/^  findings$/,/^  verdict/p' "$PEER_DIR/model.txt" | sed 's/^/#   /'
check "--profile spectralink-84 text: the retry finding names the 84's rule" \
  "$(grep -c '^    warning  model_retry_count' "$PEER_DIR/model.txt" || true)" 1
check "without --profile: no model finding" \
  "$(jq -r '[.phones[0].findings[] | select(.code | startswith("model_"))] | length' "$PEER_DIR/lo.json")" 0
# --config alone: the XML .cfg implies spectralink-84, and its server is the name the phone asked.
cat >"$PEER_DIR/phone.cfg" <<'CFG'
<?xml version="1.0" encoding="utf-8"?>
<polycomConfig>
  <reg reg.1.address="1001" reg.1.server.1.address="pbx.test" reg.1.server.1.port="0"
       reg.1.server.1.transport="DNSnaptr"/>
</polycomConfig>
CFG
parse_pcap "$PEER_DIR/config.json" --json --config "$PEER_DIR/phone.cfg" "$lo_capture"
check "--config phone.cfg: checked as spectralink-84, model_retry_count again, exit 1" \
  "$(jq -r '"\(.profile) \([.phones[0].findings[] | select(.code == "model_retry_count")] | length)"' "$PEER_DIR/config.json") $RC" \
  "spectralink-84 1 1"
check "--config phone.cfg: the phone asked for the configured name, no model_dns_questions" \
  "$(jq -r '[.phones[0].findings[] | select(.code == "model_dns_questions")] | length' "$PEER_DIR/config.json")" 0
parse_pcap "$PEER_DIR/bad-profile.json" --profile spectralink84 "$lo_capture"
check "--profile spectralink84: exit 3 with a did-you-mean" \
  "$RC $(grep -c "unknown profile 'spectralink84' (did you mean 'spectralink-84'?)" "$PEER_DIR/bad-profile.json.err" || true)" "3 1"

# --json-lines: one object per phone; --phone with an address that sent no SIP: exit 3.
parse_pcap "$PEER_DIR/lines.json" --json-lines "$lo_capture"
check "--json-lines: one line, the phone, exit 1" \
  "$(wc -l <"$PEER_DIR/lines.json" | tr -d ' ') $(jq -r '"\(.phone) \(.command) \(.exit_status)"' "$PEER_DIR/lines.json") $RC" \
  "1 $phone parse-pcap 1 1"
parse_pcap "$PEER_DIR/other.json" --json --phone "$p2" "$lo_capture"
check "--phone $p2 (a server: no SIP request from it): no registration, exit 3" \
  "$(jq -r '.phones | map("\(.phone) \(.verdict) \(.transactions | length)") | join(",")' "$PEER_DIR/other.json") $RC" \
  "$p2 no_registration 0 3"
parse_pcap "$PEER_DIR/bad.txt" --phone not-an-address "$lo_capture"
check "--phone not-an-address: exit 3, one line" "$RC $(wc -l <"$PEER_DIR/bad.txt.err" | tr -d ' ')" "3 1"
# The same capture gzip-compressed on standard input: the same story.
gzip -c "$lo_capture" >"$PEER_DIR/lo.pcap.gz"
set +e
"$SIPFO" parse-pcap --json - <"$PEER_DIR/lo.pcap.gz" >"$PEER_DIR/stdin.json" 2>"$PEER_DIR/stdin.err"
RC=$?
set -e
check "gzip on stdin: the same phone, servers and verdict, exit 1" \
  "$(jq -c '[.files, (.phones[0] | .phone, .verdict, [.servers[].address])]' "$PEER_DIR/stdin.json") $RC" \
  "[[\"-\"],\"$phone\",\"recovered\",[\"$p1\",\"$p2\"]] 1"
# Only the DNS packets of it (tcpdump -r ... port 53): no SIP at all, exit 3;
# the phone's SIP-server lookups may still be told, but never a registration.
tcpdump -r "$lo_capture" -w "$PEER_DIR/dns-only.pcap" udp port 53 2>/dev/null
parse_pcap "$PEER_DIR/dns-only.json" --json "$PEER_DIR/dns-only.pcap"
check "DNS only (8 packets): exit 3, no transaction, no registration" \
  "$(jq -r '"\(.packets) \([.phones[].transactions[]] | length) \([.phones[] | select(.verdict != "no_registration")] | length) \(.exit_status)"' "$PEER_DIR/dns-only.json") $RC" \
  "8 0 0 3 3"
parse_pcap "$PEER_DIR/dns-only.txt" "$PEER_DIR/dns-only.pcap"
sed 's/^/#   /' "$PEER_DIR/dns-only.txt"
echo "not a capture" >"$PEER_DIR/bad.pcap"
parse_pcap "$PEER_DIR/bad.out" "$PEER_DIR/bad.pcap"
check "not a capture: exit 3, one line naming the file" \
  "$RC $(grep -c "$PEER_DIR/bad.pcap" "$PEER_DIR/bad.out.err" || true) $(wc -l <"$PEER_DIR/bad.out.err" | tr -d ' ')" "3 1 1"

finish
