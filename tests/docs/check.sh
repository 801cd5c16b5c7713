#!/usr/bin/env bash
# Man pages are valid groff (no warnings), and every command's --help works.
# (Options, profiles and finding codes are checked against the CLI tree by
# tests/unit/cli/test_docs_in_step.cpp.)
set -u
sipfo=$1
source_dir=$2
failed=0 passed=0
command -v groff >/dev/null || { echo "groff is missing (apt-get install groff-base)"; exit 1; }
for page in "$source_dir"/man/*.1; do
  warnings=$(groff -man -ww -z "$page" 2>&1)
  if [ -n "$warnings" ]; then
    echo "FAIL $page:"; echo "$warnings"; failed=$((failed + 1))
  else
    passed=$((passed + 1))
  fi
done
commands=$("$sipfo" --help | sed -n '/^Subcommands:/,$p' | awk 'NR > 1 && NF { print $1 }')
[ -n "$commands" ] || { echo "FAIL sipfo --help lists no subcommand"; failed=$((failed + 1)); }
for command in "" $commands; do
  if ! "$sipfo" $command --help >/dev/null 2>&1; then
    echo "FAIL sipfo $command --help"; failed=$((failed + 1))
  else
    passed=$((passed + 1))
  fi
  if [ -n "$command" ] && [ ! -f "$source_dir/man/sipfo-$command.1" ]; then
    echo "FAIL man/sipfo-$command.1 is missing"; failed=$((failed + 1))
  fi
done
if bash -n "$source_dir/completions/sipfo.bash"; then passed=$((passed + 1)); else
  echo "FAIL completions/sipfo.bash is not valid bash"; failed=$((failed + 1)); fi
echo "docs: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
