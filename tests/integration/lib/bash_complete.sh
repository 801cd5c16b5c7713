# bash_complete.sh COMPLETION_FILE LINE WORD...: the candidates bash offers, the
# words split as readline splits them (COMP_WORDBREAKS as in an interactive bash).
COMP_WORDBREAKS=$' \t\n"\'><=;|&(:'
source /usr/share/bash-completion/bash_completion
source "$1"
COMP_LINE=$2
shift 2
COMP_WORDS=("$@")
COMP_CWORD=$(( $# - 1 ))
COMP_POINT=${#COMP_LINE}
_sipfo
printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' '
echo
