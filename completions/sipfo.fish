# fish completion for sipfo. Kept in step with the CLI by tests/unit/cli/test_docs_in_step.cpp.
set -l commands resolve replay

complete -c sipfo -f
complete -c sipfo -n "not __fish_seen_subcommand_from $commands" -l color -x -a "auto always never" -d 'Colour the output'
complete -c sipfo -n "not __fish_seen_subcommand_from $commands" -l version -d 'Print the version'
complete -c sipfo -n "not __fish_seen_subcommand_from $commands" -s h -l help -d 'Show help'
complete -c sipfo -n "not __fish_seen_subcommand_from $commands" -a resolve -d 'Resolve a server setting exactly as a handset does'
complete -c sipfo -n "not __fish_seen_subcommand_from $commands" -a replay -d 'Simulate a failover timeline for one phone or a fleet'

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


# replay
complete -c sipfo -n "__fish_seen_subcommand_from replay" -F -d 'Scenario file'
complete -c sipfo -n "__fish_seen_subcommand_from replay" -l zone -r -F -d 'Resolve the phone setting from this zone file'
complete -c sipfo -n "__fish_seen_subcommand_from replay" -l fleet -x -d 'Simulate N phones'
complete -c sipfo -n "__fish_seen_subcommand_from replay" -l seed -x -d 'Seed of every random choice'
complete -c sipfo -n "__fish_seen_subcommand_from replay" -l jitter -x -a "random min max" -d 'RFC 5626 backoff jitter'
complete -c sipfo -n "__fish_seen_subcommand_from replay" -l duration -x -d 'Simulated time'
complete -c sipfo -n "__fish_seen_subcommand_from replay" -l bucket -x -d 'Fleet interval'
complete -c sipfo -n "__fish_seen_subcommand_from replay" -l width -x -d 'Chart width in columns'
complete -c sipfo -n "__fish_seen_subcommand_from replay" -l json -d 'Print one JSON document'
complete -c sipfo -n "__fish_seen_subcommand_from replay" -l json-lines -d 'Print one JSON object per line'
