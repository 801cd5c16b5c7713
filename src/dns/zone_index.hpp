#pragma once
// ZoneResolver's view of one loaded zone: every name that exists in it (owners and
// the empty non-terminals above them), keyed by the lower-cased name, with its
// records and whether it is a delegation point.

#include "sipfo/dns/zone.hpp"

#include "zone_name.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace sipfo::dns {

// One name of a zone.
struct ZoneNode {
  std::vector<std::size_t> records; // indices into Zone::records, in file order; empty: an empty non-terminal
  bool delegation = false;          // NS records at a name below the apex (RFC 1034 4.2.1)
};

struct ZoneIndex {
  // Indexes `zone`; the nodes hold positions in zone.records. Records whose
  // owner is not a valid name at or below the origin are left out: an
  // authoritative server would not have loaded them.
  explicit ZoneIndex(const Zone& zone);

  // The node for a lower-cased absolute name (name_key), or null.
  const ZoneNode* find(const std::string& key) const;

  Labels apex;
  std::unordered_map<std::string, ZoneNode> nodes;
  // RFC 2308 3: min(SOA TTL, SOA MINIMUM); nullopt when the zone has no SOA.
  std::optional<std::uint32_t> negative_ttl;
};

// The resolver's private index type is this one (zone.hpp only declares it).
struct ZoneResolver::Index : ZoneIndex {
  using ZoneIndex::ZoneIndex;
};

} // namespace sipfo::dns
