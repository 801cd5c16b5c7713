#!/usr/bin/env bash
# Man pages are valid groff (no warnings) and mandoc -Tlint finds nothing at
# warning level or above (a parseable .TH date among them); every command's
# --help works and fits one screen (the finding codes live in `sipfo findings`).
# (Options, profiles and finding codes are checked against the CLI tree by
# tests/unit/cli/test_docs_in_step.cpp.)
set -u
sipfo=$1
source_dir=$2
failed=0 passed=0
command -v groff >/dev/null || { echo "groff is missing (apt-get install groff-base)"; exit 1; }
command -v mandoc >/dev/null || { echo "mandoc is missing (scripts/packages.sh test installs it)"; exit 1; }
# Commands small enough to be documented in sipfo(1) alone.
own_section_in_main_page="sources findings"
for page in "$source_dir"/man/*.1; do
  warnings=$(groff -man -ww -z "$page" 2>&1)
  if [ -n "$warnings" ]; then
    echo "FAIL $page:"; echo "$warnings"; failed=$((failed + 1))
  else
    passed=$((passed + 1))
  fi
  # Tables (tbl) fit an 80-column terminal.
  if grep -q '^\.TS' "$page"; then
    table_width=$({ printf '.TH T 1\n'; sed -n '/^\.TS/,/^\.TE/p' "$page"; } |
      LC_ALL=C.UTF-8 MANWIDTH=80 man -l - 2>/dev/null | LC_ALL=C.UTF-8 wc -L)
    if [ "${table_width:-0}" -gt 80 ]; then
      echo "FAIL $page: a table is $table_width columns wide, more than 80"; failed=$((failed + 1))
    else
      passed=$((passed + 1))
    fi
  fi
  # EXAMPLES are copied into terminals: each line fits 80 columns as man shows it.
  examples_width=$(LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$page" 2>/dev/null |
    sed -n '/^EXAMPLES/,/^[A-Z]/p' | LC_ALL=C.UTF-8 wc -L)
  if [ "${examples_width:-0}" -gt 80 ]; then
    echo "FAIL $page: an EXAMPLES line is $examples_width columns wide, more than 80"; failed=$((failed + 1))
  else
    passed=$((passed + 1))
  fi
  lint=$(mandoc -Tlint -W warning "$page" 2>&1)
  if [ -n "$lint" ]; then
    echo "FAIL mandoc -Tlint $page:"; echo "$lint"; failed=$((failed + 1))
  else
    passed=$((passed + 1))
  fi
done
commands=$("$sipfo" --help | sed -n '/^Subcommands:/,$p' | awk 'NR > 1 && NF { print $1 }')
[ -n "$commands" ] || { echo "FAIL sipfo --help lists no subcommand"; failed=$((failed + 1)); }
for command in "" $commands; do
  if ! help=$("$sipfo" $command --help 2>&1); then
    echo "FAIL sipfo $command --help"; failed=$((failed + 1))
  else
    passed=$((passed + 1))
  fi
  lines=$(printf '%s\n' "$help" | wc -l)
  if [ "$lines" -gt 60 ]; then
    echo "FAIL sipfo $command --help is $lines lines, more than a screen of 60"; failed=$((failed + 1))
  else
    passed=$((passed + 1))
  fi
  if [ -n "$command" ] && [ ! -f "$source_dir/man/sipfo-$command.1" ] &&
     ! printf ' %s ' $own_section_in_main_page | grep -q " $command "; then
    echo "FAIL man/sipfo-$command.1 is missing"; failed=$((failed + 1))
  fi
done
if bash -n "$source_dir/completions/sipfo.bash"; then passed=$((passed + 1)); else
  echo "FAIL completions/sipfo.bash is not valid bash"; failed=$((failed + 1)); fi
echo "docs: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
