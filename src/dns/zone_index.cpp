#include "zone_index.hpp"

#include <algorithm>

namespace sipfo::dns {

namespace {

// Makes every name between `owner` (exclusive) and the apex (inclusive) exist.
// Stops at the first that already does: its own ancestors were added with it.
void add_ancestors(std::unordered_map<std::string, ZoneNode>& nodes, const Labels& owner, std::size_t apex_size)
{
  const std::span<const std::string> labels(owner);
  for (std::size_t i = 1; i + apex_size <= labels.size(); ++i) {
    if (!nodes.try_emplace(name_key(labels.subspan(i))).second) return;
  }
}

} // namespace

ZoneIndex::ZoneIndex(const Zone& zone)
{
  apex = read_name(zone.origin).labels;
  nodes.try_emplace(name_key(apex));
  nodes.reserve(zone.records.size() * 2);
  for (std::size_t i = 0; i < zone.records.size(); ++i) {
    const auto& record = zone.records[i];
    const auto owner = read_name(record.owner);
    if (!owner.error.empty() || !is_at_or_below(owner.labels, apex)) continue;
    auto& node = nodes[name_key(owner.labels)];
    node.records.push_back(i);
    const bool at_apex = owner.labels.size() == apex.size();
    if (record.type == RrType::ns && !at_apex) node.delegation = true;
    const auto* soa = std::get_if<SoaData>(&record.data);
    if (soa != nullptr && at_apex && !negative_ttl) negative_ttl = std::min(record.ttl, soa->minimum);
    add_ancestors(nodes, owner.labels, apex.size());
  }
}

const ZoneNode* ZoneIndex::find(const std::string& key) const
{
  const auto found = nodes.find(key);
  return found == nodes.end() ? nullptr : &found->second;
}

} // namespace sipfo::dns
