# bash completion for sipfo                                   -*- shell-script -*-
# Kept in step with the CLI by tests/unit/cli/test_docs_in_step.cpp.

_sipfo()
{
    local cur prev words cword split
    # -s: "--format=<Tab>" completes the value after '=' as "--format <Tab>" does.
    _init_completion -s || return

    local commands="resolve probe parse-log parse-pcap replay sources findings"
    local global_opts="--color --help --version"
    local command="" i
    for ((i = 1; i < cword; i++)); do
        case "${words[i]}" in
            resolve|probe|parse-log|parse-pcap|replay|sources|findings) command="${words[i]}"; break ;;
        esac
    done

    case "$prev" in
        --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
        --profile) COMPREPLY=($(compgen -W "spectralink-84 pivot yealink rfc3263" -- "$cur")); return ;;
        --naptr-build|--static-cache-pri) COMPREPLY=($(compgen -W "0 1" -- "$cur")); return ;;
        --trace) COMPREPLY=($(compgen -W "applog" -- "$cur")); return ;;
        --time-format) COMPREPLY=($(compgen -W "auto 0 1 2 boot minute second" -- "$cur")); return ;;
        -j|--jobs) return ;;
        --transport) COMPREPLY=($(compgen -W "naptr udp tcp tls tcp-preferred DNSnaptr UDPOnly TCPOnly TCPpreferred TLS 0 1 2 3" -- "$cur")); return ;;
        --zone|--config) _filedir; return ;;
        --port|--seed|--timeout|--dns-server|--line|--server|--static) return ;;
        --phone) return ;;
        # probe
        --register-mode) COMPREPLY=($(compgen -W "query bind" -- "$cur")); return ;;
        --format)
            if [ "$command" = probe ]; then COMPREPLY=($(compgen -W "text nagios openmetrics" -- "$cur"))
            else COMPREPLY=($(compgen -W "text nagios" -- "$cur")); fi
            return ;;
        --textfile) _filedir; return ;;
        -w|--warning|-c|--critical) return ;;
        --targets-file|--password-file|--ca-file) _filedir; return ;;
        --target|--user|--auth-user|--domain|--password|--t1|--rate|--watch|--count) return ;;
        --source|--from|--user-agent) return ;;
        --jitter) COMPREPLY=($(compgen -W "random min max" -- "$cur")); return ;;
        --fleet|--duration|--bucket|--width) return ;;
    esac

    case "$command" in
        resolve)
            COMPREPLY=($(compgen -W "--profile --transport --port --config --line --server --naptr-build --static --static-cache-pri --trace --seed --zone --dns-server --timeout --json --format --color --help" -- "$cur"))
            ;;
        probe)
            COMPREPLY=($(compgen -W "--profile --transport --port --config --line --server --naptr-build --static --static-cache-pri --seed --zone --dns-server --timeout --target --targets-file --user --auth-user --domain --password-file --password --register-mode --t1 --rate --ca-file --insecure --watch --count --json --json-lines --format --warning --critical --textfile -v --sip-trace --source --from --user-agent --color --help" -- "$cur"))
            ;;
        parse-log)
            if [[ "$cur" == -* ]]; then
                COMPREPLY=($(compgen -W "--json --json-lines --explain --brief --time-format --jobs --format --color --help" -- "$cur"))
            else
                _filedir
            fi
            ;;
        parse-pcap)
            if [[ "$cur" == -* ]]; then
                COMPREPLY=($(compgen -W "--phone --json --json-lines --explain --profile --config --color --help" -- "$cur"))
            else
                _filedir
            fi
            ;;
        replay)
            if [[ "$cur" == -* ]]; then
                COMPREPLY=($(compgen -W "--zone --fleet --seed --jitter --duration --bucket --width --json --json-lines --color --help" -- "$cur"))
            else
                _filedir toml
            fi
            ;;
        sources|findings)
            COMPREPLY=($(compgen -W "--color --help" -- "$cur"))
            ;;
        *)
            COMPREPLY=($(compgen -W "$commands $global_opts" -- "$cur"))
            ;;
    esac
    # An option that takes a value after '=' keeps the cursor on the same word.
    [[ ${COMPREPLY-} == *= ]] && compopt -o nospace
}
complete -F _sipfo sipfo
