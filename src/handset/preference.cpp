#include "sipfo/handset/preference.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <tuple>

namespace sipfo::handset {

PreferenceRule preference_rule(std::string_view profile_id) noexcept
{
  if (profile_id == "pivot") return PreferenceRule::rank_then_priority;
  if (profile_id == "rfc3263") return PreferenceRule::priority_only;
  return PreferenceRule::priority_then_weight;
}

namespace {

// Smaller is more preferred.
std::tuple<int, int, int> key(const RankedServer& s, PreferenceRule rule)
{
  switch (rule) {
  case PreferenceRule::priority_then_weight: return {0, s.priority, -static_cast<int>(s.weight)};
  case PreferenceRule::rank_then_priority: return {s.rank, s.priority, 0};
  case PreferenceRule::priority_only: return {0, s.priority, 0};
  }
  return {0, s.priority, 0};
}

} // namespace

bool has_preferred_server(std::span<const RankedServer> servers, PreferenceRule rule)
{
  std::set<std::string> distinct;
  for (const auto& s : servers) distinct.insert(s.server);
  if (distinct.size() < 2) return false;
  // A list not from SRV (A records, a listed set) is tried in its order: its first
  // entry is the primary. PIVOT ranks even those by serverspec.
  const bool all_srv = std::all_of(servers.begin(), servers.end(), [](const RankedServer& s) { return s.from_srv; });
  if (!all_srv && rule != PreferenceRule::rank_then_priority) return true;
  const auto [lowest, highest] = std::minmax_element(
    servers.begin(), servers.end(), [&](const RankedServer& a, const RankedServer& b) { return key(a, rule) < key(b, rule); });
  return key(*lowest, rule) < key(*highest, rule);
}

std::vector<RankedServer> ranked_servers(const std::vector<Candidate>& candidates)
{
  std::vector<RankedServer> out;
  out.reserve(candidates.size());
  for (const auto& c : candidates) {
    out.push_back(RankedServer{fmt::format("{}:{}", c.address, c.port), c.rank, c.priority, c.weight,
                               c.origin == Origin::srv});
  }
  return out;
}

} // namespace sipfo::handset
