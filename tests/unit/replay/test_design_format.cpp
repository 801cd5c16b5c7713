// The scenario format as design §5 writes it: the example scenario unchanged, a
// [phone] address with listed [[server]] tables and no zone ("the name resolves to
// these"), servers named in events by address, and the topology said explicitly.
// Expected instants from the documents: PIVOT pings and refreshes every 300 s
// (Spectralink Technical Bulletin CS-18-09), RFC 3261 Timer F = 64*T1 with 11 UDP
// sends, R1 (handset-models 2.2) 7.5 s, renewal at expires - overlap = 3540 s.

#include "replay_test_support.hpp"

#include "sipfo/util/input_error.hpp"

#include <doctest/doctest.h>

using namespace replay_test;
using sipfo::replay::parse_scenario;

namespace {

constexpr const char* two_named = R"(
[phone]
address = "dom.test"

[[server]]
name = "p1"
address = "10.0.0.1:5060"
priority = 1

[[server]]
name = "p2"
address = "10.0.0.2:5060"
priority = 2

[[event]]
at = "30m"
do = "server.down"
server = "10.0.0.1"
)";

std::string error_of(const std::string& text)
{
  try {
    auto scenario = parse_scenario(text, "s.toml");
    (void)sipfo::replay::build_world(scenario, {});
  } catch (const sipfo::util::InputError& error) {
    return error.what();
  }
  return "";
}

} // namespace

TEST_CASE("replay design example: the section 5 scenario runs unchanged")
{
  const auto run = run_fixture("design-example.toml");
  // p1 is listed; 10.0.0.2 comes from the serverspec and is named after its address.
  REQUIRE(server(run, "p1") == 0);
  REQUIRE(server(run, "10.0.0.2") == 1);
  // p1 blackholed at 11:00; the refresh at 15:00 (300 s grid) times out at Timer F.
  const SimTime detect = 15 * minute + timer_f_default;
  CHECK(run.phone.detect_at == detect);
  REQUIRE(run.phone.failovers.size() == 1);
  CHECK(run.phone.failovers[0].at == detect);
  CHECK(run.phone.failovers[0].from == 0);
  CHECK(run.phone.failovers[0].to == 1);
  CHECK(run.phone.unregistered_ms == 0);
  CHECK(run.phone.service_gap_ms == detect - 11 * minute);
  // REGISTER to p1: refreshes at 0, 5, 10 min, then 11 sends from 15:00.
  CHECK(registers(run, "p1") == 3 + 11);
  // OPTIONS to p1: pings at 0, 5, 10 answered; 15, 20, ..., 55 (9 pings) 11 sends each.
  CHECK(run.phone.messages[0][1] == 3 + 9 * 11);
  // REGISTER to 10.0.0.2 at 15:32, then every 5 min to 55:32: 9.
  CHECK(registers(run, "10.0.0.2") == 9);
  CHECK(run.phone.messages[1][1] == 12);
}

TEST_CASE("replay design format: an address with listed servers and no zone resolves to them")
{
  for (const char* profile : {"spectralink-84", "yealink", "rfc3263"}) {
    CAPTURE(profile);
    const auto run = run_text(std::string("profile = \"") + profile + "\"\nduration = \"2h\"\n" + two_named);
    REQUIRE(run.world.epochs.size() == 1);
    CHECK(run.world.epochs[0].uses_dns);
    REQUIRE(run.world.epochs[0].candidates.size() == 2);
    CHECK(run.world.epochs[0].candidates[0].server == server(run, "p1"));
    // The event named p1 by its address.
    REQUIRE(run.scenario.events.size() == 1);
    CHECK(run.scenario.events[0].server == server(run, "p1"));
    REQUIRE(!run.phone.failovers.empty());
    CHECK(run.phone.failovers[0].to == server(run, "p2"));
  }
  // spectralink-84 and yealink: the renewal at 59:00 to p1 gives up after R1.
  for (const char* profile : {"spectralink-84", "yealink"}) {
    CAPTURE(profile);
    const auto run = run_text(std::string("profile = \"") + profile + "\"\nduration = \"2h\"\n" + two_named);
    CHECK(run.phone.failovers[0].at == renew_default + r1_three_retries);
  }
}

TEST_CASE("replay design format: listed servers follow priority, then weight, as if from SRV")
{
  const auto run = run_text(R"(
duration = "10m"
[phone]
address = "dom.test"
[[server]]
name = "low"
address = "10.0.0.1"
priority = 2
[[server]]
name = "light"
address = "10.0.0.2"
priority = 1
weight = 10
[[server]]
name = "heavy"
address = "10.0.0.3"
priority = 1
weight = 60
ttl = "1m"
)");
  const auto& c = run.world.epochs[0].candidates;
  REQUIRE(c.size() == 3);
  CHECK(c[0].server == server(run, "heavy"));
  CHECK(c[1].server == server(run, "light"));
  CHECK(c[2].server == server(run, "low"));
  // The phone keeps the answer for the smallest TTL.
  CHECK(run.world.epochs[0].cache_ttl == minute);
}

TEST_CASE("replay design format: a PIVOT serverspec IP is named in events by its address")
{
  const auto run = run_text(R"(
profile = "pivot"
duration = "30m"
[phone]
serverspec = "dom.test; 10.0.0.1; 10.0.0.2"
[[event]]
at = "1m"
do = "server.down"
server = "10.0.0.1"
)");
  REQUIRE(run.scenario.events.size() == 1);
  CHECK(run.world.servers[static_cast<std::size_t>(run.scenario.events[0].server)].address == "10.0.0.1");
  // Refresh at 5:00 to P1 times out at Timer F: failover to P2.
  REQUIRE(run.phone.failovers.size() == 1);
  CHECK(run.phone.failovers[0].at == 5 * minute + timer_f_default);
  CHECK(run.world.servers[static_cast<std::size_t>(run.phone.failovers[0].to)].address == "10.0.0.2");
  // An address that is neither listed nor in the setting is still an error.
  CHECK(error_of("profile = \"pivot\"\n[phone]\nserverspec = \"dom.test; 10.0.0.1\"\n[[event]]\nat = 1\ndo = \"server.down\"\n"
                 "server = \"10.0.0.9\"\n")
            .find("no [[server]] named '10.0.0.9'") != std::string::npos);
}

TEST_CASE("replay design format: a Yealink server list means one DNS name unless topology says static")
{
  const std::string servers = R"(
[[server]]
name = "s1"
address = "10.0.0.1:5060"
[[server]]
name = "s2"
address = "10.0.0.2:5060"
[[event]]
at = "30m"
do = "server.down"
server = "s1"
)";
  // No [phone]: the same failover list as for the 84-Series: nothing goes to s2
  // before s1 fails at the renewal (59:00 + R1).
  const auto dns = run_text("profile = \"yealink\"\nduration = \"2h\"\n" + servers);
  CHECK(sipfo::replay::topology_text(dns.scenario).starts_with("dns failover list"));
  CHECK(registers(dns, "s2") == 2); // 59:07.5 and the renewal 59 min later, the primary failing first
  REQUIRE(!dns.phone.failovers.empty());
  CHECK(dns.phone.failovers[0].at == renew_default + r1_three_retries);
  // topology = "static": two sip_server entries registered concurrently (the vendor default 0).
  const auto fixed = run_text("profile = \"yealink\"\nduration = \"2h\"\n[phone]\ntopology = \"static\"\n" + servers);
  CHECK(sipfo::replay::topology_text(fixed.scenario).find("registered concurrently") != std::string::npos);
  CHECK(registers(fixed, "s2") >= 2); // registered at boot, refreshed at 59:00
  // fallback.redundancy_type is about configured entries: without topology static, an error.
  CHECK(error_of("profile = \"yealink\"\n[phone]\n\"fallback.redundancy_type\" = 1\n" + servers) ==
        "s.toml:3: phone.fallback.redundancy_type: only for configured server entries (add topology = \"static\" (each "
        "[[server]] a sip_server entry), or drop it for one DNS name)");
}
