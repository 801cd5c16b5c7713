// dig's @SERVER syntax and the resolv.conf search-domain note (issue 14).

#include "cli/command.hpp"
#include "cli/dns_source.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

using sipfo::cli::at_server;

TEST_CASE("cli at_server: @ADDR[#PORT] as --dns-server takes it")
{
  CHECK(at_server("@127.0.0.53") == "127.0.0.53");
  CHECK(at_server("@127.0.0.1#5353") == "127.0.0.1:5353");
  CHECK(at_server("@::1#5353") == "[::1]:5353");
  CHECK(at_server("@[::1]#53") == "[::1]:53");
  CHECK_FALSE(at_server("@").has_value());
  CHECK_FALSE(at_server("eslab.local").has_value());
  CHECK_FALSE(at_server("user@host").has_value());
}

TEST_CASE("cli expand_at_servers: only after resolve or probe, never an option's value")
{
  sipfo::cli::Context context;
  CLI::App app;
  sipfo::cli::build_app(app, context);
  using Args = std::vector<std::string>;
  CHECK(sipfo::cli::expand_at_servers(app, Args{"sipfo", "resolve", "@10.0.0.1#53", "x"}) ==
        Args{"sipfo", "resolve", "--dns-server", "10.0.0.1:53", "x"});
  CHECK(sipfo::cli::expand_at_servers(app, Args{"sipfo", "probe", "x", "--user", "@odd", "@::1"}) ==
        Args{"sipfo", "probe", "x", "--user", "@odd", "--dns-server", "::1"});
  CHECK(sipfo::cli::expand_at_servers(app, Args{"sipfo", "parse-log", "@file"}) ==
        Args{"sipfo", "parse-log", "@file"});
}

TEST_CASE("cli search_domain_note: a dotless name with resolv.conf search domains gets a note")
{
  const auto path = std::filesystem::temp_directory_path() / "sipfo-test-resolv.conf";
  { std::ofstream(path) << "nameserver 127.0.0.53\nsearch corp.example\n"; }
  const sipfo::cli::DnsSourceOptions system;
  CHECK(sipfo::cli::search_domain_note(system, "pbx", path.string()) ==
        "note: resolv.conf search domains are not used: give the FQDN");
  CHECK_FALSE(sipfo::cli::search_domain_note(system, "pbx.corp.example", path.string()).has_value());
  sipfo::cli::DnsSourceOptions zone;
  zone.zones.push_back("z.zone");
  CHECK_FALSE(sipfo::cli::search_domain_note(zone, "pbx", path.string()).has_value());
  { std::ofstream(path) << "nameserver 127.0.0.53\n"; }
  CHECK_FALSE(sipfo::cli::search_domain_note(system, "pbx", path.string()).has_value());
  std::filesystem::remove(path);
}
