# fish completion for sipfo. Kept in step with the CLI by tests/unit/cli/test_docs_in_step.cpp.
set -l commands resolve parse-log

complete -c sipfo -f
complete -c sipfo -n "not __fish_seen_subcommand_from $commands" -l color -x -a "auto always never" -d 'Colour the output'
complete -c sipfo -n "not __fish_seen_subcommand_from $commands" -l version -d 'Print the version'
complete -c sipfo -n "not __fish_seen_subcommand_from $commands" -s h -l help -d 'Show help'
complete -c sipfo -n "not __fish_seen_subcommand_from $commands" -a resolve -d 'Resolve a server setting exactly as a handset does'
complete -c sipfo -n "not __fish_seen_subcommand_from $commands" -a parse-log -d 'Explain why an 84-Series handset failed to register'

# resolve
complete -c sipfo -n "__fish_seen_subcommand_from resolve" -l profile -x -a "spectralink-84 pivot yealink rfc3263" -d 'Handset profile'
complete -c sipfo -n "__fish_seen_subcommand_from resolve" -l transport -x -a "naptr udp tcp tls tcp-preferred DNSnaptr UDPOnly TCPOnly TCPpreferred TLS 0 1 2 3" -d 'Transport setting'
complete -c sipfo -n "__fish_seen_subcommand_from resolve" -l port -x -d 'Configured port'
complete -c sipfo -n "__fish_seen_subcommand_from resolve" -l config -r -F -d 'Take the server from a phone configuration file'
complete -c sipfo -n "__fish_seen_subcommand_from resolve" -l line -x -d 'Line or account in the configuration'
complete -c sipfo -n "__fish_seen_subcommand_from resolve" -l server -x -d 'Server of that line'
complete -c sipfo -n "__fish_seen_subcommand_from resolve" -l naptr-build -x -a "0 1" -d 'Yealink naptr_build'
complete -c sipfo -n "__fish_seen_subcommand_from resolve" -l static -x -d 'Yealink static DNS cache entry KEY=VALUE'
complete -c sipfo -n "__fish_seen_subcommand_from resolve" -l static-cache-pri -x -a "0 1" -d 'Yealink static_cache_pri'
complete -c sipfo -n "__fish_seen_subcommand_from resolve" -l trace -x -a "applog" -d 'Print the queries as app.log lines'
complete -c sipfo -n "__fish_seen_subcommand_from resolve" -l seed -x -d 'Seed for RFC 2782 selection'
complete -c sipfo -n "__fish_seen_subcommand_from resolve" -l zone -r -F -d 'Answer DNS from this zone file'
complete -c sipfo -n "__fish_seen_subcommand_from resolve" -l dns-server -x -d 'Ask this DNS server'
complete -c sipfo -n "__fish_seen_subcommand_from resolve" -l timeout -x -d 'Give up on one DNS query after'
complete -c sipfo -n "__fish_seen_subcommand_from resolve" -l json -d 'Print one JSON document'

# parse-log
complete -c sipfo -n "__fish_seen_subcommand_from parse-log" -F
complete -c sipfo -n "__fish_seen_subcommand_from parse-log" -l json -d 'Print one JSON document'
complete -c sipfo -n "__fish_seen_subcommand_from parse-log" -l json-lines -d 'One JSON object per file'
complete -c sipfo -n "__fish_seen_subcommand_from parse-log" -l explain -d 'Each relevant line with a note'
complete -c sipfo -n "__fish_seen_subcommand_from parse-log" -l time-format -x -a "auto 0 1 2 boot minute second" -d 'Timestamp type'
complete -c sipfo -n "__fish_seen_subcommand_from parse-log" -s j -l jobs -x -d 'Files parsed at once'
