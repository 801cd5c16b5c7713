#!/usr/bin/env bash
# The crafted captures in fixtures/pcap are what fixtures/pcap/generate.py makes
# (scapy, Debian python3-scapy): regenerated here, they must match byte for byte,
# so the unit tests' expectations rest on a script anyone can read and rerun.
# Usage: test_pcap_fixtures.sh SIPFO_BINARY SOURCE_DIR
set -euo pipefail
source_dir="$2"
generator="$source_dir/fixtures/pcap/generate.py"
/usr/bin/python3 -c 'import scapy' 2>/dev/null ||
  { echo "FAIL: python3-scapy is missing (scripts/packages.sh test installs it)"; exit 1; }
out="$(mktemp -d /tmp/sipfo-pcap-fixtures.XXXXXX)"
trap 'rm -rf "$out"' EXIT
/usr/bin/python3 "$generator" "$out"

failures=0 checked=0
for fixture in "$source_dir"/fixtures/pcap/*.pcap "$source_dir"/fixtures/pcap/*.pcapng "$source_dir"/fixtures/pcap/*.gz; do
  name=$(basename "$fixture")
  checked=$((checked + 1))
  if cmp -s "$fixture" "$out/$name"; then
    echo "ok   - $name is what generate.py writes"
  else
    echo "FAIL - $name differs from what generate.py writes (rerun fixtures/pcap/generate.py and commit)"
    failures=$((failures + 1))
  fi
done
made=$(find "$out" -type f | wc -l)
if [ "$made" = "$checked" ]; then echo "ok   - generate.py writes no file that is not checked in"; else
  echo "FAIL - generate.py wrote $made files, $checked are checked in"; failures=$((failures + 1)); fi
echo "$((checked + 1 - failures)) passed, $failures failed"
[ "$failures" = 0 ] && [ "$checked" -gt 0 ]
