#include "srv_order.hpp"

#include <algorithm>
#include <map>
#include <utility>

namespace sipfo::handset {

namespace {

const dns::SrvData& srv(const dns::Record& record)
{
  return std::get<dns::SrvData>(record.data);
}

// RFC 2782, Usage rules: within one priority, put weight-0 records first, keep
// running sums, draw r uniformly in [0, sum], take the first record whose running
// sum >= r, remove it and repeat.
std::vector<dns::Record> weighted_draw(std::vector<dns::Record> group, std::mt19937_64& random)
{
  std::stable_partition(group.begin(), group.end(), [](const dns::Record& r) { return srv(r).weight == 0; });
  std::vector<dns::Record> out;
  while (!group.empty()) {
    std::uint64_t sum = 0;
    for (const auto& r : group) sum += srv(r).weight;
    // Modulo keeps the draw identical on every standard library (the engine's
    // output is specified; uniform_int_distribution's mapping is not).
    const std::uint64_t pick = random() % (sum + 1);
    std::uint64_t running = 0;
    std::size_t chosen = group.size() - 1;
    for (std::size_t i = 0; i < group.size(); ++i) {
      running += srv(group[i]).weight;
      if (running >= pick) {
        chosen = i;
        break;
      }
    }
    out.push_back(std::move(group[chosen]));
    group.erase(group.begin() + static_cast<std::ptrdiff_t>(chosen));
  }
  return out;
}

} // namespace

std::vector<dns::Record> ordered_srv(std::vector<dns::Record> records, SrvOrder order, std::mt19937_64& random)
{
  std::erase_if(records, [](const dns::Record& r) { return !std::holds_alternative<dns::SrvData>(r.data); });
  if (order == SrvOrder::as_received) return records;
  std::stable_sort(records.begin(), records.end(), [&](const dns::Record& a, const dns::Record& b) {
    if (srv(a).priority != srv(b).priority) return srv(a).priority < srv(b).priority;
    if (order == SrvOrder::weight_descending) return srv(a).weight > srv(b).weight;
    return false;
  });
  if (order != SrvOrder::weighted_random) return records;

  std::vector<dns::Record> out;
  auto begin = records.begin();
  while (begin != records.end()) {
    auto end = std::find_if(begin, records.end(), [&](const dns::Record& r) { return srv(r).priority != srv(*begin).priority; });
    auto drawn = weighted_draw(std::vector<dns::Record>(begin, end), random);
    std::move(drawn.begin(), drawn.end(), std::back_inserter(out));
    begin = end;
  }
  return out;
}

bool has_srv_weight_tie(const std::vector<Candidate>& candidates)
{
  // The first SRV record seen for each (priority, weight); one pass, so an
  // answer of many records costs n log n (issue 16: no quadratic steps).
  std::map<std::pair<std::uint16_t, std::uint16_t>, const Candidate*> first;
  for (const auto& candidate : candidates) {
    if (candidate.origin != Origin::srv) continue;
    const auto [at, added] = first.try_emplace({candidate.priority, candidate.weight}, &candidate);
    // Addresses of one SRV target share its priority and weight: no tie.
    if (!added && (at->second->target != candidate.target || at->second->port != candidate.port)) return true;
  }
  return false;
}

} // namespace sipfo::handset
