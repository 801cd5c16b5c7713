#pragma once
// The rdata of one master-file record, by type: A, AAAA (RFC 3596), CNAME, NS,
// PTR, SOA, MX, TXT (RFC 1035 3.3), SRV (RFC 2782), NAPTR (RFC 3403) and the
// generic `\# length hex` form for any type (RFC 3597 5).

#include "sipfo/dns/record.hpp"

#include "zone_field.hpp"

#include <span>

namespace sipfo::dns {

// Throws util::InputError at context.where when the fields do not make that
// type's rdata; the hint shows a correct line.
Rdata read_rdata(RrType type, std::span<const ZoneToken> fields, const FieldContext& context);

} // namespace sipfo::dns
