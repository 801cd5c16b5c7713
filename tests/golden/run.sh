#!/usr/bin/env bash
# Golden tests: run the real binary on bundled fixtures and compare its output and
# exit status with expected files written by hand from the fixtures.
#   tests/golden/<command>/<case>.args    the arguments, one line (run from the source dir)
#   tests/golden/<command>/<case>.out     the expected standard output
#   tests/golden/<command>/<case>.status  the expected exit status
#   tests/golden/<command>/<case>.err     the expected standard error (optional)
set -u
sipfo=$1
source_dir=$2
cd "$source_dir" || exit 2
passed=0 failed=0
for args_file in tests/golden/*/*.args; do
  case_name=${args_file%.args}
  read -r args < "$args_file"
  expected_status=$(cat "$case_name.status")
  actual=$(eval "\"$sipfo\" $args" 2>/tmp/sipfo-golden-stderr.$$)
  status=$?
  if [ "$status" != "$expected_status" ]; then
    echo "FAIL $case_name: exit status $status, expected $expected_status"
    cat /tmp/sipfo-golden-stderr.$$
    failed=$((failed + 1))
  elif [ -f "$case_name.err" ] && ! diff -u "$case_name.err" /tmp/sipfo-golden-stderr.$$ >/tmp/sipfo-golden-diff.$$; then
    echo "FAIL $case_name: standard error differs"
    cat /tmp/sipfo-golden-diff.$$
    failed=$((failed + 1))
  elif ! diff -u "$case_name.out" <(printf '%s\n' "$actual") >/tmp/sipfo-golden-diff.$$; then
    echo "FAIL $case_name: output differs"
    cat /tmp/sipfo-golden-diff.$$
    failed=$((failed + 1))
  else
    passed=$((passed + 1))
  fi
done
rm -f /tmp/sipfo-golden-stderr.$$ /tmp/sipfo-golden-diff.$$
echo "golden: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
