#pragma once
// What one zone holds for one name and type, as an authoritative server looks
// it up (RFC 1034 4.3.2 step 3): data, a CNAME to follow, NODATA, NXDOMAIN, or
// a referral below a delegation; wildcards per RFC 4592.

#include "sipfo/dns/record.hpp"
#include "sipfo/dns/zone.hpp"

#include "zone_index.hpp"
#include "zone_name.hpp"

#include <vector>

namespace sipfo::dns {

struct NameLookup {
  enum class Kind { data, cname, nodata, nxdomain, referral };
  Kind kind = Kind::nxdomain;
  std::vector<Record> records; // the data in file order, or the one CNAME
};

// `name` must be at or below the index's apex.
NameLookup lookup_name(const Zone& zone, const ZoneIndex& index, const Labels& name, RrType type);

} // namespace sipfo::dns
