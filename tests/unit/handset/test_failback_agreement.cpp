// Issue 10 class 1: `resolve` and `replay` take "is there a primary to fail back
// to?" from one function (handset::has_preferred_server). For every resolve
// fixture case and the spectralink-84 and yealink profiles, the finding
// equal_priority_no_failback is raised exactly when replay, with the first
// candidate down for an hour and back, never fails back.

#include "sipfo/dns/zone.hpp"
#include "sipfo/handset/preference.hpp"
#include "sipfo/handset/profile.hpp"
#include "sipfo/handset/server_setting.hpp"
#include "sipfo/replay/scenario.hpp"
#include "sipfo/replay/simulation.hpp"
#include "sipfo/replay/world.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

using namespace sipfo;

namespace {

const std::string root = SIPFO_SOURCE_DIR;

std::vector<std::string> zone_files()
{
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::directory_iterator(root + "/fixtures/zones")) {
    if (entry.path().extension() == ".zone") out.push_back(entry.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

struct Case {
  std::string line;
  handset::ServerSetting setting;
};

Case read_case(const std::string& line, const handset::Profile& profile)
{
  std::istringstream words(line);
  std::string spec, option, value;
  words >> spec;
  handset::ServerSetting base{"", profile.default_port, profile.default_transport};
  while (words >> option >> value) {
    if (option == "--port") base.port = static_cast<std::uint16_t>(std::stoi(value));
    if (option == "--transport") base.transport = *handset::parse_transport_setting(value);
  }
  return Case{line, handset::setting_from_spec(spec, base)};
}

// No fixture load-balances (equal priority and weight), so one is added here.
const char* tie_zone = "$ORIGIN tie.test.\n$TTL 60\n@ IN SOA ns admin 1 1 1 1 1\n@ IN NS ns\nns IN A 10.77.0.53\n"
                       "_sip._udp IN SRV 1 10 5060 a\n_sip._udp IN SRV 1 10 5060 b\n"
                       "a IN A 10.77.0.1\nb IN A 10.77.0.2\n";

std::vector<std::string> case_lines()
{
  std::ifstream in(root + "/fixtures/zones/cases.txt");
  std::vector<std::string> out{"tie.test"};
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.front() != '#') out.push_back(line);
  }
  return out;
}

// Replay with the first candidate's server down from 0:30 to 1:30.
replay::PhoneResult replay_outage(const std::string& profile, const handset::ServerSetting& setting,
                                  const std::vector<handset::Candidate>& candidates,
                                  const std::vector<std::string>& zones)
{
  std::string toml = fmt::format("profile = \"{}\"\nduration = \"4h\"\njitter = \"max\"\nzone = [", profile);
  for (const auto& z : zones) toml += fmt::format("\"{}\", ", z);
  toml += fmt::format("]\n[phone]\naddress = \"{}\"\nport = {}\ntransport = \"{}\"\n", setting.address, setting.port,
                      handset::transport_setting_name(setting.transport));
  std::set<std::string> seen;
  for (const auto& c : candidates) {
    const auto endpoint = fmt::format("{}:{}", c.address, c.port);
    if (!seen.insert(endpoint).second) continue;
    toml += fmt::format("[[server]]\nname = \"s{}\"\naddress = \"{}\"\n", seen.size(), endpoint);
  }
  toml += "[[event]]\nat = \"30m\"\ndo = \"server.down\"\nserver = \"s1\"\n"
          "[[event]]\nat = \"1h30m\"\ndo = \"server.up\"\nserver = \"s1\"\n";
  const auto scenario = replay::parse_scenario(toml, root + "/fixtures/zones/agreement.toml");
  const auto world = replay::build_world(scenario, {});
  return replay::simulate_phone(scenario, world, replay::PhoneRun{0, 0, true});
}

} // namespace

TEST_CASE("issue 10 class 1: equal_priority_no_failback is raised exactly when replay never fails back (every resolve fixture, 84 and Yealink)")
{
  std::vector<dns::Zone> zones;
  auto files = zone_files();
  const auto tie_file = (std::filesystem::temp_directory_path() / "sipfo-test-tie.test.zone").string();
  {
    std::ofstream out(tie_file);
    out << tie_zone;
  }
  files.push_back(tie_file);
  for (const auto& f : files) zones.push_back(dns::read_zone_file(f));
  int compared = 0, without_failback = 0;
  for (const std::string profile_id : {"spectralink-84", "yealink"}) {
    const auto* profile = handset::find_profile(profile_id);
    REQUIRE(profile != nullptr);
    for (const auto& line : case_lines()) {
      const auto c = read_case(line, *profile);
      dns::ZoneResolver resolver(zones);
      const auto resolution = profile->resolve(c.setting, resolver, {});
      const bool finding =
        std::any_of(resolution.findings.begin(), resolution.findings.end(),
                    [](const handset::Finding& f) { return f.code == "equal_priority_no_failback"; });
      std::set<std::string> servers;
      for (const auto& cand : resolution.candidates) servers.insert(fmt::format("{}:{}", cand.address, cand.port));
      std::set<std::string> addresses;
      for (const auto& cand : resolution.candidates) addresses.insert(cand.address);
      if (servers.size() < 2 || addresses.size() < 2) {
        CHECK_MESSAGE(!finding, profile_id, " ", line);
        continue;
      }
      const auto phone = replay_outage(profile_id, c.setting, resolution.candidates, files);
      INFO(profile_id, " ", line);
      REQUIRE_FALSE(phone.failovers.empty()); // the outage must move the phone for the comparison to mean anything
      CHECK(finding == phone.failbacks.empty());
      ++compared;
      if (phone.failbacks.empty()) ++without_failback;
    }
  }
  CHECK(compared >= 4);
  // tie.test with the 84 defaults (DNSnaptr, port 0); Yealink defaults (UDP, 5060)
  // ask its A record only, which it has not.
  CHECK(without_failback == 1);
  std::filesystem::remove(tie_file);
}

TEST_CASE("has_preferred_server: the documents' rules per profile")
{
  using handset::PreferenceRule;
  using handset::RankedServer;
  const std::vector<RankedServer> weights{{"a:5060", 1, 0, 10, true}, {"b:5060", 1, 0, 20, true}};
  const std::vector<RankedServer> ties{{"a:5060", 1, 0, 10, true}, {"b:5060", 1, 0, 10, true}};
  const std::vector<RankedServer> a_list{{"a:5060", 1, 1, 0, false}, {"b:5060", 1, 1, 0, false}};
  const std::vector<RankedServer> one{{"a:5060", 1, 0, 10, true}, {"a:5060", 1, 1, 10, true}};
  // CS-14-17 Option 1 / Yealink Appendix A: the weight decides at one priority.
  CHECK(handset::has_preferred_server(weights, PreferenceRule::priority_then_weight));
  CHECK_FALSE(handset::has_preferred_server(ties, PreferenceRule::priority_then_weight));
  // RFC 2782: weights are a random draw.
  CHECK_FALSE(handset::has_preferred_server(weights, PreferenceRule::priority_only));
  // PIVOT Method 4: equal rank and priority is a pool.
  CHECK_FALSE(handset::has_preferred_server(a_list, PreferenceRule::rank_then_priority));
  CHECK(handset::has_preferred_server(a_list, PreferenceRule::priority_then_weight)); // tried in list order
  CHECK_FALSE(handset::has_preferred_server(one, PreferenceRule::priority_then_weight)); // one server
}
