#include "sipfo/replay/world.hpp"

#include "sipfo/dns/zone.hpp"
#include "sipfo/handset/preference.hpp"
#include "sipfo/handset/profile.hpp"
#include "sipfo/replay/shown.hpp"
#include "sipfo/util/input_error.hpp"
#include "sipfo/util/suggest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace sipfo::replay {

namespace {

bool deliverable(const ServerMode& mode) noexcept
{
  if (mode.kind == ServerMode::Kind::up) return true;
  if (mode.kind != ServerMode::Kind::reply) return false;
  const bool applies_to_invite = (mode.methods & (1u << static_cast<unsigned>(Method::invite))) != 0;
  return !applies_to_invite || mode.code < 300;
}

// The server a candidate is, by address (and port when the [[server]] names one);
// a server is added, named after its address, when no [[server]] matches.
int server_for(const handset::Candidate& candidate, std::vector<ScenarioServer>& servers)
{
  for (std::size_t i = 0; i < servers.size(); ++i) {
    const auto& s = servers[i];
    if (s.address == candidate.address && (!s.port || *s.port == candidate.port)) return static_cast<int>(i);
  }
  ScenarioServer added;
  added.name = candidate.address;
  for (const auto& s : servers) {
    if (s.name == added.name) added.name = fmt::format("{}:{}", candidate.address, candidate.port);
  }
  added.address = candidate.address;
  added.port = candidate.port;
  added.transport = candidate.transport;
  added.priority = candidate.priority;
  added.weight = candidate.weight;
  added.rank = candidate.rank;
  servers.push_back(std::move(added));
  return static_cast<int>(servers.size() - 1);
}

// The TTL of the address record `candidate` came from, when the phone asked one.
std::optional<SimTime> address_ttl(const handset::Resolution& resolution, const handset::Candidate& candidate)
{
  if (candidate.target.empty()) return std::nullopt;
  const auto name = dns::absolute_name(candidate.target);
  for (const auto& query : resolution.queries) {
    if (query.asked_by != handset::Asker::handset) continue;
    if (query.answer.question.type != dns::RrType::a && query.answer.question.type != dns::RrType::aaaa) continue;
    if (!util::iequals(query.answer.question.name, name)) continue;
    if (const auto ttl = query.answer.ttl()) return seconds(*ttl);
  }
  return std::nullopt;
}

DnsEpoch resolve_epoch(const Scenario& scenario, const std::vector<dns::Zone>& zones, std::vector<ScenarioServer>& servers)
{
  const auto* profile = handset::find_profile(model_id(scenario.model));
  dns::ZoneResolver resolver(zones);
  handset::ProfileOptions options;
  options.seed = scenario.seed;
  const auto resolution = profile->resolve(*scenario.setting, resolver, options);
  DnsEpoch epoch;
  epoch.findings = resolution.findings;
  for (const auto& query : resolution.queries) {
    if (query.asked_by != handset::Asker::handset) continue;
    ++epoch.queries;
    if (const auto ttl = query.answer.ttl()) epoch.cache_ttl = std::min(epoch.cache_ttl, seconds(*ttl));
  }
  epoch.uses_dns = epoch.queries > 0;
  std::map<std::string, int> groups;
  for (const auto& candidate : resolution.candidates) {
    SimCandidate sim;
    sim.server = server_for(candidate, servers);
    sim.rank = candidate.rank;
    sim.priority = candidate.priority;
    sim.weight = candidate.weight;
    sim.transport = candidate.transport;
    sim.a_ttl = address_ttl(resolution, candidate).value_or(servers[static_cast<std::size_t>(sim.server)].ttl);
    sim.group = groups.emplace(candidate.srv_name, static_cast<int>(groups.size())).first->second;
    epoch.candidates.push_back(sim);
  }
  epoch.preferred = handset::has_preferred_server(handset::ranked_servers(resolution.candidates),
                                                  handset::preference_rule(profile->id));
  return epoch;
}

DnsEpoch listed_epoch(const Scenario& scenario)
{
  DnsEpoch epoch;
  epoch.uses_dns = false;
  for (std::size_t i = 0; i < scenario.servers.size(); ++i) {
    const auto& s = scenario.servers[i];
    SimCandidate sim;
    sim.server = static_cast<int>(i);
    sim.rank = s.rank;
    sim.priority = s.priority;
    sim.weight = s.weight;
    sim.transport = s.transport;
    sim.a_ttl = s.ttl;
    sim.group = 0;
    epoch.candidates.push_back(sim);
  }
  if (scenario.model != Model::pivot) {
    // As if from SRV: ascending (rank, priority), higher weight first, then as listed.
    std::stable_sort(epoch.candidates.begin(), epoch.candidates.end(), [](const SimCandidate& a, const SimCandidate& b) {
      if (a.rank != b.rank) return a.rank < b.rank;
      if (a.priority != b.priority) return a.priority < b.priority;
      return a.weight > b.weight;
    });
  }
  return epoch;
}

// Design §5: the phone's setting names what needs DNS, no zone is given, and the
// [[server]] tables are listed: the name resolves to these, in this order, with
// these priorities, weights and TTLs. The phone still asks (dns.down matters) and
// keeps the answer for the smallest TTL. [A] one question per resolution.
DnsEpoch named_epoch(const Scenario& scenario)
{
  DnsEpoch epoch = listed_epoch(scenario);
  epoch.uses_dns = true;
  epoch.queries = 1;
  for (const auto& server : scenario.servers) epoch.cache_ttl = std::min(epoch.cache_ttl, server.ttl);
  return epoch;
}

std::vector<dns::Zone> read_zones(const std::vector<std::string>& files, std::map<std::string, dns::Zone>& cache)
{
  std::vector<dns::Zone> zones;
  for (const auto& file : files) {
    auto found = cache.find(file);
    if (found == cache.end()) found = cache.emplace(file, dns::read_zone_file(file)).first;
    zones.push_back(found->second);
  }
  return zones;
}

void build_epochs(const Scenario& scenario, const std::vector<std::string>& extra_zones, World& world)
{
  if (!scenario.setting) {
    for (const auto& event : scenario.events) {
      if (event.kind == EventKind::dns_change) {
        throw util::InputError(fmt::format("{}:{}", shown(scenario.file, 4096), event.line), "dns.change: the servers are listed",
                               "give phone.address and zones to resolve it, or drop the event");
      }
    }
    auto epoch = listed_epoch(scenario);
    // dns.down/dns.up do not matter: a listed server needs no query.
    world.epochs.push_back(std::move(epoch));
    return;
  }
  std::map<std::string, dns::Zone> cache;
  std::vector<std::string> files = scenario.zones;
  files.insert(files.end(), extra_zones.begin(), extra_zones.end());
  bool dns_up = true;
  auto add_epoch = [&](SimTime from) {
    auto epoch = resolve_epoch(scenario, read_zones(files, cache), world.servers);
    if (epoch.uses_dns && files.empty() && !scenario.servers.empty()) epoch = named_epoch(scenario);
    epoch.from = from;
    epoch.dns_up = dns_up;
    if (from == 0 && epoch.uses_dns && files.empty() && scenario.servers.empty()) {
      throw util::InputError(shown(scenario.file, 4096), fmt::format("phone.address '{}' needs DNS and no zone is given",
                                                                       shown(scenario.setting->address)),
                             "give --zone FILE (or zone = \"FILE\" in the scenario), or list [[server]] addresses");
    }
    if (!world.epochs.empty() && world.epochs.back().from == from) world.epochs.pop_back();
    world.epochs.push_back(std::move(epoch));
  };
  add_epoch(0);
  for (const auto& event : scenario.events) {
    if (event.kind == EventKind::dns_change) {
      files = {event.zone};
    } else if (event.kind == EventKind::dns_down) {
      dns_up = false;
    } else if (event.kind == EventKind::dns_up) {
      dns_up = true;
    } else {
      continue;
    }
    add_epoch(event.at);
  }
}

// The phone-side network's [down, up) intervals from the net.* events `chosen` keeps.
template <typename Chosen>
std::vector<std::pair<SimTime, SimTime>> net_down_for(const Scenario& scenario, Chosen chosen)
{
  std::vector<std::pair<SimTime, SimTime>> intervals;
  SimTime down_since = -1;
  for (std::size_t i = 0; i < scenario.events.size(); ++i) {
    const auto& event = scenario.events[i];
    if (event.kind != EventKind::net_down && event.kind != EventKind::net_up) continue;
    if (!chosen(event, i)) continue;
    if (event.kind == EventKind::net_down) {
      if (down_since < 0) down_since = event.at;
    } else {
      if (down_since >= 0 && event.at > down_since) intervals.emplace_back(down_since, event.at);
      down_since = -1;
    }
  }
  if (down_since >= 0) intervals.emplace_back(down_since, never);
  return intervals;
}

} // namespace

std::vector<std::pair<SimTime, SimTime>> phone_net_down(const Scenario& scenario, std::uint32_t id)
{
  return net_down_for(scenario, [&](const ScenarioEvent& event, std::size_t index) {
    return applies_to(event, index, scenario.seed, id);
  });
}

const ServerMode& World::mode_at(int server, SimTime t) const
{
  const auto& changes = modes[static_cast<std::size_t>(server)];
  // The last change at or before t; the first entry is always at 0.
  auto it = std::upper_bound(changes.begin(), changes.end(), t,
                             [](SimTime value, const auto& change) { return value < change.first; });
  return std::prev(it)->second;
}

bool World::network_up(SimTime t) const
{
  for (const auto& [from, to] : net_down) {
    if (t < from) return true;
    if (t < to) return false;
  }
  return true;
}

Reach World::reach(int server, Method method, SimTime t) const
{
  if (!network_up(t)) return {Reach::Kind::silent, 0, 0};
  const auto& mode = mode_at(server, t);
  switch (mode.kind) {
  case ServerMode::Kind::up: return {Reach::Kind::answer, 200, 0};
  case ServerMode::Kind::blackhole: return {Reach::Kind::silent, 0, 0};
  case ServerMode::Kind::refused: return {Reach::Kind::refused, 503, 0};
  case ServerMode::Kind::reply: break;
  }
  if ((mode.methods & (1u << static_cast<unsigned>(method))) == 0) return {Reach::Kind::answer, 200, 0};
  return {Reach::Kind::answer, mode.code, mode.retry_after};
}

const DnsEpoch& World::epoch_at(SimTime t) const
{
  auto it = std::upper_bound(epochs.begin(), epochs.end(), t,
                             [](SimTime value, const DnsEpoch& epoch) { return value < epoch.from; });
  return *std::prev(it);
}

SimTime World::deliverable_time(int server, SimTime from, SimTime to) const
{
  if (to <= from) return 0;
  std::vector<SimTime> cuts{from, to};
  for (const auto& [at, mode] : modes[static_cast<std::size_t>(server)]) {
    if (at > from && at < to) cuts.push_back(at);
  }
  for (const auto& [down, up] : net_down) {
    if (down > from && down < to) cuts.push_back(down);
    if (up > from && up < to) cuts.push_back(up);
  }
  std::sort(cuts.begin(), cuts.end());
  SimTime total = 0;
  for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
    const auto a = cuts[i], b = cuts[i + 1];
    if (b > a && network_up(a) && deliverable(mode_at(server, a))) total += b - a;
  }
  return total;
}

SimTime World::first_outage() const
{
  SimTime first = never;
  for (const auto& changes : modes) {
    for (const auto& [at, mode] : changes) {
      if (!deliverable(mode) || mode.kind == ServerMode::Kind::reply) first = std::min(first, at);
    }
  }
  if (!net_down.empty()) first = std::min(first, net_down.front().first);
  return first;
}

World build_world(const Scenario& scenario, const std::vector<std::string>& extra_zones)
{
  World world;
  world.duration = scenario.duration;
  world.servers = scenario.servers;
  build_epochs(scenario, extra_zones, world);
  world.modes.assign(world.servers.size(), {{0, ServerMode{}}});
  world.net_down = net_down_for(scenario, [](const ScenarioEvent& event, std::size_t) {
    return event.phones.kind == PhoneSelection::Kind::all;
  });
  for (const auto& event : scenario.events) {
    switch (event.kind) {
    case EventKind::server_down:
    case EventKind::server_reply:
      world.modes[static_cast<std::size_t>(event.server)].emplace_back(event.at, event.mode);
      break;
    case EventKind::server_up: world.modes[static_cast<std::size_t>(event.server)].emplace_back(event.at, ServerMode{}); break;
    default: break;
    }
  }
  // Several changes at one instant: the last one in file order holds.
  for (auto& changes : world.modes) {
    std::vector<std::pair<SimTime, ServerMode>> kept;
    for (const auto& change : changes) {
      if (!kept.empty() && kept.back().first == change.first) kept.back() = change;
      else kept.push_back(change);
    }
    changes = std::move(kept);
  }
  return world;
}

} // namespace sipfo::replay
