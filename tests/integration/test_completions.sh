#!/usr/bin/env bash
# The completions offer option values after '=' (--format=<Tab>, --color=<Tab>)
# and --color after a subcommand, in bash (with bash-completion), zsh and fish,
# each run for real on completions/ (issue 14 row 6).
# Usage: test_completions.sh SIPFO_BINARY SOURCE_DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/lib/cleanup.sh"
source "$here/lib/sip_peers.sh"
SOURCE_DIR="$2"
completions="$SOURCE_DIR/completions"
for tool in /usr/share/bash-completion/bash_completion /usr/bin/zsh /usr/bin/fish; do
  [ -e "$tool" ] || { echo "$tool is missing (scripts/packages.sh test installs bash-completion, zsh, fish)"; exit 1; }
done

# bash LINE WORD...: what bash offers, words split at '=' as readline does.
in_bash() { timeout 20 bash "$here/lib/bash_complete.sh" "$completions/sipfo.bash" "$@" | sed 's/ $//'; }
# zsh LINE: what zsh offers after LINE and Tab.
in_zsh() {
  timeout 30 zsh -f "$here/lib/zsh_complete.zsh" "$completions" "$1" | tr -d '\r' |
    grep -o '<hit>[^<]*</hit>' | sed 's/<[^>]*>//g' | sort -u | tr '\n' ' ' | sed 's/ $//'
}
# fish LINE: what fish offers for LINE (values only, descriptions dropped).
in_fish() {
  timeout 20 fish -N -c "source '$completions/sipfo.fish'; complete -C '$1'" | cut -f1 | sed 's/^--[a-z-]*=//' |
    sort -u | tr '\n' ' ' | sed 's/ $//'
}

check "bash: --format=<Tab> after probe" "$(in_bash 'sipfo probe --format=' sipfo probe --format = '')" "nagios openmetrics text"
check "bash: --color=<Tab>" "$(in_bash 'sipfo --color=' sipfo --color = '')" "always auto never"
check "bash: --color=<Tab> after a subcommand" "$(in_bash 'sipfo resolve eslab.local --color=' sipfo resolve eslab.local --color = '')" "always auto never"
check "bash: --color offered after a subcommand" "$(in_bash 'sipfo replay --col' sipfo replay --col)" "--color"
check "bash: --format <Tab> still works" "$(in_bash 'sipfo probe --format ' sipfo probe --format '')" "nagios openmetrics text"

check "zsh: --format=<Tab> after probe" "$(in_zsh 'sipfo probe --format=')" "nagios openmetrics text"
check "zsh: --color=<Tab>" "$(in_zsh 'sipfo --color=')" "always auto never"
check "zsh: --color=<Tab> after a subcommand" "$(in_zsh 'sipfo resolve eslab.local --color=')" "always auto never"
check "zsh: --color offered after a subcommand" "$(in_zsh 'sipfo parse-log --col')" "--color"

check "fish: --format=<Tab> after probe" "$(in_fish 'sipfo probe --format=')" "nagios openmetrics text"
check "fish: --color=<Tab>" "$(in_fish 'sipfo --color=')" "always auto never"
check "fish: --color=<Tab> after a subcommand" "$(in_fish 'sipfo resolve eslab.local --color=')" "always auto never"
finish
