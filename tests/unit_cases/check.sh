#!/usr/bin/env bash
# Every doctest case has exactly one CTest entry, and every CTest entry of the
# unit binary names exactly one doctest case. doctest_discover_tests makes one
# entry per listed name, but CMake splits a name at ';' into entries that each
# select half a name, match nothing and pass ("test cases: 0"): 36 entries once
# tested nothing. Here the names doctest lists are compared with the names of
# the entries CTest would run, so such a split fails this test, with the names.
# (tests/CMakeLists.txt also fails any entry that runs other than one case.)
# Usage: check.sh UNIT_TEST_BINARY BUILD_DIR CTEST_COMMAND
set -euo pipefail
binary=$1 build_dir=$2 ctest=$3
command -v jq >/dev/null || { echo "FAIL: jq is missing (scripts/packages.sh test)"; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/sipfo-unit-cases.XXXXXX")
trap 'rm -rf -- "$work"' EXIT

# doctest's list: the names between its '=====' rules, without its [doctest] lines.
"$binary" --list-test-cases >"$work/listing"
grep -v -e '^\[doctest\] ' -e '^=\+$' "$work/listing" | LC_ALL=C sort >"$work/cases"
summary=$(sed -n 's/^\[doctest\] unskipped test cases passing the current filters: *\([0-9]\+\).*/\1/p' "$work/listing")

# CTest's entries that run this binary.
"$ctest" --test-dir "$build_dir" --show-only=json-v1 >"$work/ctest.json"
jq -r --arg binary "$binary" '.tests[] | select(.command[0]? == $binary) | .name' "$work/ctest.json" |
  LC_ALL=C sort >"$work/entries"

cases=$(wc -l <"$work/cases")
entries=$(wc -l <"$work/entries")
failed=0
echo "doctest lists $cases test cases (its own count: ${summary:-none}); CTest has $entries entries for them"
if [[ $cases != "${summary:-}" ]]; then
  echo "FAIL: $cases names read, but doctest counts ${summary:-none}"; failed=1
fi
if (( cases == 0 )); then
  echo "FAIL: no test case listed"; failed=1
fi
while IFS= read -r name; do
  echo "FAIL: CTest entry without a doctest case of that name (a split name?): $name"; failed=1
done < <(LC_ALL=C comm -13 "$work/cases" "$work/entries")
while IFS= read -r name; do
  echo "FAIL: doctest case without a CTest entry of its own (a ';' in its name?): $name"; failed=1
done < <(LC_ALL=C comm -23 "$work/cases" "$work/entries")
while IFS= read -r name; do
  echo "FAIL: two test cases named: $name"; failed=1
done < <(uniq -d "$work/cases")
(( failed == 0 )) && echo "ok: one CTest entry per test case"
exit "$failed"
