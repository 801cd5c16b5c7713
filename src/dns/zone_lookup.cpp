#include "zone_lookup.hpp"

namespace sipfo::dns {

namespace {

// The records of `node` that answer `type`: the data of that type, or else a
// CNAME to follow (RFC 1034 3.6.2), or else nothing (NODATA). A wildcard node's
// records are given `synthesised_owner` (RFC 4592 3.3.1); others keep the
// owner as the zone spells it, as NSD sends it.
NameLookup lookup_node(const Zone& zone, const ZoneNode& node, RrType type, const std::string* synthesised_owner)
{
  NameLookup found{NameLookup::Kind::nodata, {}};
  for (auto index : node.records) {
    if (zone.records[index].type == type) found.records.push_back(zone.records[index]);
  }
  if (found.records.empty() && type != RrType::cname) {
    for (auto index : node.records) {
      if (zone.records[index].type == RrType::cname) found.records.push_back(zone.records[index]);
    }
  }
  if (!found.records.empty()) {
    found.kind = found.records.front().type == type ? NameLookup::Kind::data : NameLookup::Kind::cname;
    if (synthesised_owner != nullptr) {
      for (auto& record : found.records) record.owner = *synthesised_owner;
    }
  }
  return found;
}

// True when a name between the apex (exclusive) and `name` (inclusive) has NS
// records: the zone only refers the client on (RFC 1034 4.3.2 step 3b).
bool below_delegation(const ZoneIndex& index, std::span<const std::string> name)
{
  for (std::size_t depth = index.apex.size() + 1; depth <= name.size(); ++depth) {
    const auto* node = index.find(name_key(name.last(depth)));
    if (node != nullptr && node->delegation) return true;
  }
  return false;
}

// RFC 4592 3.3.1: the closest encloser's `*` child, if it exists.
const ZoneNode* wildcard_for(const ZoneIndex& index, std::span<const std::string> name)
{
  for (std::size_t depth = name.size(); depth-- > index.apex.size();) {
    const auto encloser = name.last(depth);
    if (index.find(name_key(encloser)) == nullptr) continue;
    Labels wildcard{"*"};
    wildcard.insert(wildcard.end(), encloser.begin(), encloser.end());
    return index.find(name_key(wildcard));
  }
  return nullptr;
}

} // namespace

NameLookup lookup_name(const Zone& zone, const ZoneIndex& index, const Labels& name, RrType type)
{
  if (below_delegation(index, name)) return NameLookup{NameLookup::Kind::referral, {}};
  if (const auto* node = index.find(name_key(name))) return lookup_node(zone, *node, type, nullptr);
  if (const auto* wildcard = wildcard_for(index, name)) {
    const auto owner = name_text(name);
    return lookup_node(zone, *wildcard, type, &owner);
  }
  return NameLookup{NameLookup::Kind::nxdomain, {}};
}

} // namespace sipfo::dns
