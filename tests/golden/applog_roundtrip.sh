#!/usr/bin/env bash
# resolve --trace=applog and parse-log speak the same log: for every resolution
# case of fixtures/zones/cases.txt, the 84-Series log that `resolve` says the
# phone will write is read back by `parse-log`, which must find the same
# candidates in the same order, and "registered" exactly when there is one.
set -u
sipfo=$1
source_dir=$2
cd "$source_dir" || exit 2
zones=()
for zone in fixtures/zones/*.zone; do zones+=(--zone "$zone"); done
# parse-log also lists SRV targets it saw no address for (address null), and has
# no SRV priority for A-only candidates: compare the servers the phone can use.
candidates='[.[] | select(.address != null) | "\(.address):\(.port)/\(.transport)"]'
passed=0 failed=0
while read -r spec options; do
  [[ -z $spec || $spec == \#* ]] && continue
  read -ra extra <<< "$options"
  resolved=$("$sipfo" resolve "$spec" "${extra[@]}" "${zones[@]}" --json)
  # A literal IP asks no DNS: there is no DNS story for parse-log to read.
  [[ $(jq '.queries | length' <<< "$resolved") == 0 ]] && continue
  parsed=$("$sipfo" resolve "$spec" "${extra[@]}" "${zones[@]}" --trace=applog | "$sipfo" parse-log --json -)
  want=$(jq -c ".candidates | $candidates" <<< "$resolved")
  got=$(jq -c ".files[0].candidates | $candidates" <<< "$parsed")
  want_outcome=$(jq -r 'if (.candidates | length) > 0 then "registered" else "failed" end' <<< "$resolved")
  got_outcome=$(jq -r '.files[0].outcome' <<< "$parsed")
  if [[ $want != "$got" || $want_outcome != "$got_outcome" ]]; then
    echo "FAIL $spec $options: resolve $want_outcome $want; parse-log read $got_outcome $got"
    failed=$((failed + 1))
  else
    passed=$((passed + 1))
  fi
done < fixtures/zones/cases.txt
echo "applog round trip: $passed passed, $failed failed"
[[ $failed == 0 && $passed -gt 0 ]]
