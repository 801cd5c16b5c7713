// The scenario reader (design §5): defaults, keys, and errors that name FILE:LINE
// and the key.

#include "replay_test_support.hpp"

#include "sipfo/util/input_error.hpp"

#include <doctest/doctest.h>

using namespace sipfo::replay;

namespace {

std::string error_of(const std::string& toml)
{
  try {
    parse_scenario(toml, "s.toml");
  } catch (const sipfo::util::InputError& error) {
    return sipfo::util::format_input_error(error);
  }
  return "no error";
}

const char* two_servers = R"(
[[server]]
name = "p1"
address = "10.0.0.1:5070"
priority = 1
ttl = "10m"
[[server]]
name = "p2"
address = "[2001:db8::2]:5060"
transport = "tcp"
priority = 2
)";

} // namespace

TEST_CASE("replay::parse_scenario: defaults per model")
{
  const auto scenario = parse_scenario(std::string("profile = \"spectralink-84\"\n") + two_servers, "s.toml");
  CHECK(scenario.model == Model::spectralink84);
  CHECK(scenario.duration == 3'600'000); // 1 h
  CHECK(scenario.jitter == Jitter::max);
  CHECK(scenario.parameters.retries == 3);                        // retryMaxCount
  CHECK(scenario.parameters.backoff_base == 60'000);              // registerRetry.baseTimeOut
  CHECK(scenario.parameters.failback == FailbackMode::registration); // SL84 p.231
  REQUIRE(scenario.servers.size() == 2);
  CHECK(scenario.servers[0].port == 5070);
  CHECK(scenario.servers[0].ttl == 600'000);
  CHECK(scenario.servers[1].address == "2001:db8::2");
  CHECK(scenario.servers[1].transport == sipfo::handset::Transport::tcp);
  const auto pivot = parse_scenario(std::string("profile = \"pivot\"\n") + two_servers, "s.toml");
  CHECK(pivot.parameters.options_interval == 300'000);
  CHECK(pivot.parameters.dns_requery == 7'200'000);
  CHECK(pivot.parameters.retries == -1);
}

TEST_CASE("replay::parse_scenario: vendor parameter names and units")
{
  const auto scenario = parse_scenario(R"(
profile = "spectralink-84"
duration = "2h"
jitter = "random"
seed = 9
[phone]
expires = 600
"expires.overlap" = "30s"
"registerRetry.baseTimeOut" = 10
"registerretry.maxtimeout" = 180
retryTimeOut = 250
"failOver.failBack.mode" = "DNSTTL"
)" + std::string(two_servers),
                                       "s.toml");
  CHECK(scenario.duration == 7'200'000);
  CHECK(scenario.jitter == Jitter::random);
  CHECK(scenario.seed == 9);
  CHECK(scenario.parameters.expires == 600'000);
  CHECK(scenario.parameters.overlap == 30'000);
  CHECK(scenario.parameters.backoff_base == 10'000);
  CHECK(scenario.parameters.backoff_max == 180'000);
  CHECK(scenario.parameters.retry_timeout == 250); // milliseconds, as the 84 writes it
  CHECK(scenario.parameters.failback == FailbackMode::dns_ttl);
  CHECK(scenario.given.size() == 6);
  const auto yealink = parse_scenario(R"(
profile = "yealink"
[phone]
failback_mode = 3
failback_timeout = 30
register_expires_overlap = -1
)" + std::string(two_servers),
                                      "s.toml");
  CHECK(yealink.parameters.failback == FailbackMode::duration);
  CHECK(yealink.parameters.failback_timeout == 60'000); // 1-59 count as 60 (S003)
  CHECK(yealink.parameters.overlap == 60'000);          // R4
}

TEST_CASE("replay::parse_scenario: events sorted by time, file order kept at one instant (C4)")
{
  const auto scenario = parse_scenario(std::string(two_servers) + R"(
[[event]]
at = "20m"
do = "server.up"
server = "p1"
[[event]]
at = "10m"
do = "server.down"
server = "p1"
mode = "reply=503,retry_after=30,methods=REGISTER"
[[event]]
at = "10m"
do = "net.down"
)",
                                       "s.toml");
  REQUIRE(scenario.events.size() == 3);
  CHECK(scenario.events[0].kind == EventKind::server_down);
  CHECK(scenario.events[0].mode.kind == ServerMode::Kind::reply);
  CHECK(scenario.events[0].mode.code == 503);
  CHECK(scenario.events[0].mode.retry_after == 30'000);
  CHECK(scenario.events[0].mode.methods == 1u);
  CHECK(scenario.events[1].kind == EventKind::net_down);
  CHECK(scenario.events[2].at == 1'200'000);
}

TEST_CASE("replay::parse_scenario: errors name the file, line and key")
{
  CHECK(error_of("profile = \"pivt\"\n") == "s.toml:1: profile: unknown profile 'pivt' (did you mean 'pivot'?)");
  CHECK(error_of("duraton = \"1h\"\n") == "s.toml:1: duraton: unknown key (did you mean 'duration'?)");
  CHECK(error_of("duration = \"soon\"\n") ==
        "s.toml:1: duration: expected a duration (write e.g. \"500ms\", \"30s\", \"5m\", \"2h\" or a number of seconds)");
  CHECK(error_of("profile = \"yealink\"\n[phone]\nretry_count = 3\n") ==
        "s.toml:3: phone.retry_count: not a parameter of the yealink model (did you mean 'retry_counts'?)");
  CHECK(error_of("[phone]\nretryMaxCount = 99\n") == "s.toml:2: phone.retryMaxCount: out of range (allowed: 0 to 20)");
  CHECK(error_of(std::string(two_servers) + "[[event]]\nat = \"1m\"\ndo = \"server.down\"\nserver = \"p3\"\n") ==
        "s.toml:15: event[1].server: no [[server]] named 'p3' (did you mean 'p1'?)");
  CHECK(error_of(std::string(two_servers) + "[[event]]\nat = \"1m\"\ndo = \"server.dwn\"\nserver = \"p1\"\n") ==
        "s.toml:14: event[1].do: unknown event 'server.dwn' (did you mean 'server.down'?)");
  CHECK(error_of(std::string(two_servers) + "[[event]]\nat = \"1m\"\ndo = \"server.down\"\nserver = \"p1\"\nmode = \"reply=99\"\n") ==
        "s.toml:16: event[1].mode: bad response code '99' (a final response code, 200 to 699)");
  CHECK(error_of("[[server]]\nname = \"p1\"\naddress = \"pbx.test\"\n") ==
        "s.toml:3: server[1].address: 'pbx.test' is not an IP address ([[server]] lists addresses; put names in "
        "phone.address and give --zone)");
  CHECK(error_of("profile = \"pivot\"\n") ==
        "s.toml: no servers: neither phone.address (phone.serverspec) nor [[server]] tables (list the candidates in "
        "[[server]] tables, or give the phone's setting and --zone)");
  CHECK(error_of("profile = [\n").rfind("s.toml:", 0) == 0); // TOML syntax errors carry a line too
}

TEST_CASE("replay::build_world: a name without a zone is an input error")
{
  const auto scenario = parse_scenario("[phone]\naddress = \"pbx.test\"\n", "s.toml");
  CHECK_THROWS_AS(build_world(scenario, {}), sipfo::util::InputError);
}
