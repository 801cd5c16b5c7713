#!/usr/bin/env bash
# Golden tests of `sipfo parse-log`: runs the real binary on fixtures/logs and
# compares stdout, stderr and the exit status with tests/golden/parse_log/NAME.out.
#
#   tests/golden/parse_log.sh BINARY SOURCE_DIR            # check
#   SIPFO_GOLDEN_UPDATE=1 tests/golden/parse_log.sh ...     # rewrite the expected files
#
# Review every rewritten file by hand before committing it.
set -u
binary=$(realpath "$1")
source_dir=$(realpath "$2")
expected_dir="$source_dir/tests/golden/parse_log"
cd "$source_dir" || exit 2
export NO_COLOR=1
logs=fixtures/logs
failures=0
count=0

# run NAME [ARG...]: one case; stdin is /dev/null unless STDIN_FILE is set.
run() {
  local name=$1
  shift
  local actual
  actual=$(
    "$binary" parse-log --color=never "$@" <"${STDIN_FILE:-/dev/null}" 2>/tmp/sipfo-golden-stderr.$$
    status=$?
    sed 's/^/stderr: /' /tmp/sipfo-golden-stderr.$$
    echo "exit $status"
  )
  rm -f /tmp/sipfo-golden-stderr.$$
  count=$((count + 1))
  if [ "${SIPFO_GOLDEN_UPDATE:-0}" = 1 ]; then
    printf '%s\n' "$actual" >"$expected_dir/$name.out"
    return
  fi
  if ! diff -u "$expected_dir/$name.out" <(printf '%s\n' "$actual") >/tmp/sipfo-golden-diff.$$; then
    echo "FAIL $name"
    head -40 /tmp/sipfo-golden-diff.$$
    failures=$((failures + 1))
  fi
  rm -f /tmp/sipfo-golden-diff.$$
}

for file in "$logs"/*app.log "$logs"/*app.log.gz; do
  base=$(basename "$file")
  run "text-${base%%.gz}" "$file"
done
for id in 0001 0002 000e 0011; do
  run "explain-$id" --explain "$logs/00907a1c$id-app.log"
done
for id in 0002 0008 000b; do
  run "json-$id" --json "$logs/00907a1c$id-app.log"
done
run json-explain-0011 --json --explain "$logs/00907a1c0011-app.log"
run json-lines-directory --json-lines "$logs"
STDIN_FILE="$logs/00907a1c000f-app.log.gz" run stdin-gzip -
run missing-file "$logs/00907a1c9999-app.log" "$logs/00907a1c0002-app.log"
run not-a-log CMakeLists.txt
run device-dev-zero /dev/zero                # refused at once, never read (issue 16)
STDIN_FILE=/dev/zero run stdin-dev-zero -
run bad-time-format --time-format 7 "$logs/00907a1c0002-app.log"
run forced-time-format --time-format 1 --explain "$logs/00907a1c0005-app.log"
# A site's directory of uploads (fixtures/logs/site, generate_site.py): one line per
# file and the tally; the tally after the full output of several files; a file that
# failed and then registered; six-digit line numbers that keep their column.
site="$logs/site"
run brief-site --brief "$site"
run brief-recovered --brief "$site/00907a1c1002-app.log"
run tally-three-files "$site/00907a1c1001-app.log" "$site/00907a1c1002-app.log" "$site/00907a1c1003-app.log"
run text-wide-line-numbers "$site/00907a1c1007-app.log.gz"
run brief-with-json --brief --json "$site/00907a1c1001-app.log"

echo "$((count - failures)) passed, $failures failed"
[ "$failures" -eq 0 ]
