#include "sipfo/replay/scenario.hpp"

#include "sipfo/replay/backoff.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace sipfo::replay {

namespace {

constexpr std::array event_names{"server.down", "server.up", "server.reply", "server.drop", "dns.change",
                                 "dns.down",    "dns.up",    "net.down",     "net.up",      "phone.reboot"};

} // namespace

const char* method_name(Method method) noexcept
{
  switch (method) {
  case Method::register_: return "REGISTER";
  case Method::options: return "OPTIONS";
  case Method::invite: return "INVITE";
  }
  return "?";
}

std::string mode_text(const ServerMode& mode)
{
  switch (mode.kind) {
  case ServerMode::Kind::up: return "up";
  case ServerMode::Kind::blackhole: return "blackhole";
  case ServerMode::Kind::refused: return "refused";
  case ServerMode::Kind::reply: break;
  }
  std::string text = fmt::format("reply={}", mode.code);
  if (mode.retry_after > 0) text += fmt::format(",retry_after={}", mode.retry_after / 1000);
  if (mode.methods != 0b111) {
    std::string methods;
    for (int m = 0; m < method_count; ++m) {
      if ((mode.methods & (1u << m)) == 0) continue;
      if (!methods.empty()) methods += '+';
      methods += method_name(static_cast<Method>(m));
    }
    text += ",methods=" + methods;
  }
  return text;
}

const char* event_name(EventKind kind) noexcept
{
  return event_names[static_cast<std::size_t>(kind)];
}

std::optional<EventKind> parse_event_name(std::string_view name) noexcept
{
  for (std::size_t i = 0; i < event_names.size(); ++i) {
    if (name == event_names[i]) return static_cast<EventKind>(i);
  }
  return std::nullopt;
}

int find_server(const Scenario& scenario, std::string_view name) noexcept
{
  for (std::size_t i = 0; i < scenario.servers.size(); ++i) {
    if (scenario.servers[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

std::string topology_text(const Scenario& scenario)
{
  const auto& p = scenario.parameters;
  switch (scenario.model) {
  case Model::pivot: return "serverspec list (P1..P4 as the SIP server field gives them; CS-18-09)";
  case Model::rfc3263: return "dns failover list (one name, one server at a time, RFC 3263 4.3)";
  case Model::spectralink84:
    return p.static_list ? "static, topology = \"static\" (each [[server]] a reg.1.server.N entry, all registered at once)"
                         : "dns failover list, topology = \"dns\" (one server entry whose name resolves to the candidates, one at a time)";
  case Model::yealink:
    if (!p.static_list) {
      return "dns failover list, topology = \"dns\" (one sip_server entry whose name resolves to the candidates, one at a time)";
    }
    return p.redundancy_type == 1
               ? "static, topology = \"static\", fallback.redundancy_type 1 (sip_server entries, one at a time: successive)"
               : "static, topology = \"static\", fallback.redundancy_type 0 (sip_server entries, registered concurrently)";
  }
  return "";
}

bool applies_to(const ScenarioEvent& event, std::size_t index, std::uint64_t seed, std::uint32_t id) noexcept
{
  const auto& selection = event.phones;
  switch (selection.kind) {
  case PhoneSelection::Kind::all: return true;
  case PhoneSelection::Kind::ranges:
    return std::any_of(selection.ranges.begin(), selection.ranges.end(),
                       [id](const auto& range) { return id >= range.first && id <= range.second; });
  case PhoneSelection::Kind::share: {
    // One draw per (seed, event, phone): the same phones for any run order or thread count.
    Prng prng(seed ^ 0x5e1ec7ULL ^ (static_cast<std::uint64_t>(index + 1) * 0x9e3779b97f4a7c15ULL), id);
    constexpr SimTime scale = 1'000'000;
    return prng.uniform(0, scale - 1) < static_cast<SimTime>(selection.share * static_cast<double>(scale));
  }
  }
  return true;
}

bool has_partial_events(const Scenario& scenario) noexcept
{
  return std::any_of(scenario.events.begin(), scenario.events.end(),
                     [](const ScenarioEvent& event) { return event.phones.kind != PhoneSelection::Kind::all; });
}

} // namespace sipfo::replay
