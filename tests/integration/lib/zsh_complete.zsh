# zsh_complete.zsh COMPLETIONS_DIR LINE: the candidates zsh offers for LINE followed by Tab,
# read from an interactive zsh in a pseudo-terminal (zpty) with compinit and
# compadd wrapped to print each candidate as <hit>WORD</hit>.
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "PROMPT=''; RPROMPT=''; fpath=($1 \$fpath); autoload -U compinit; compinit -u -D"
zpty -w z 'compadd () { typeset -a __hits; builtin compadd -A __hits "$@"; local s=$?; (( $#__hits )) && print -n -- "<hit>"${^__hits}"</hit>" >/dev/tty; builtin compadd "$@"; return $s; }'
zpty -w z "bindkey '^I' complete-word; print '<ready>'"
all=
for i in {1..200}; do zpty -r -t z chunk && all+=$chunk; [[ $all == *'<ready>'*'<ready>'* ]] && break; sleep 0.1; done
# Tab, then Ctrl-U and a command printing <done>: zle handles the keys in order,
# so <done> comes after every candidate the Tab produced, however slow the
# machine (a fixed wait after the first hit cut the list short under load). The
# echo of the typed command shows '<do''ne>', not <done>.
zpty -w -n z "$2"$'\t\x15'"print '<do''ne>'"$'\n'
all=
for i in {1..200}; do zpty -r -t z chunk && all+=$chunk; [[ $all == *'<done>'* ]] && break; sleep 0.1; done
print -r -- "$all"
zpty -d z
