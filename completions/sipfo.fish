# fish completion for sipfo. Kept in step with the CLI by tests/unit/cli/test_docs_in_step.cpp.
set -l commands resolve

complete -c sipfo -f
complete -c sipfo -n "not __fish_seen_subcommand_from $commands" -l color -x -a "auto always never" -d 'Colour the output'
complete -c sipfo -n "not __fish_seen_subcommand_from $commands" -l version -d 'Print the version'
complete -c sipfo -n "not __fish_seen_subcommand_from $commands" -s h -l help -d 'Show help'
complete -c sipfo -n "not __fish_seen_subcommand_from $commands" -a resolve -d 'Resolve a server setting exactly as a handset does'

# resolve
complete -c sipfo -n "__fish_seen_subcommand_from resolve" -l profile -x -a "spectralink-84 rfc3263" -d 'Handset profile'
complete -c sipfo -n "__fish_seen_subcommand_from resolve" -l transport -x -a "naptr udp tcp tls tcp-preferred DNSnaptr UDPOnly TCPOnly TCPpreferred TLS" -d 'Transport setting'
complete -c sipfo -n "__fish_seen_subcommand_from resolve" -l port -x -d 'Configured port'
complete -c sipfo -n "__fish_seen_subcommand_from resolve" -l seed -x -d 'Seed for RFC 2782 selection'
complete -c sipfo -n "__fish_seen_subcommand_from resolve" -l zone -r -F -d 'Answer DNS from this zone file'
complete -c sipfo -n "__fish_seen_subcommand_from resolve" -l dns-server -x -d 'Ask this DNS server'
complete -c sipfo -n "__fish_seen_subcommand_from resolve" -l timeout -x -d 'Give up on one DNS query after'
complete -c sipfo -n "__fish_seen_subcommand_from resolve" -l json -d 'Print one JSON document'

