#pragma once
// Readers for the single fields of a master-file entry (RFC 1035 5.1): names,
// numbers, TTLs and <character-string>s. Each throws util::InputError at the
// entry's FILE:LINE with a hint when the field is malformed.

#include "zone_lexer.hpp"
#include "zone_name.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sipfo::dns {

// RFC 2181 8: TTLs are at most 2^31 - 1 seconds.
constexpr std::uint32_t max_ttl = 2147483647;

// Where an entry is and what relative names in it are relative to.
struct FieldContext {
  std::string where;           // "FILE:LINE"
  const Labels* origin = nullptr; // the current $ORIGIN; null when none is set
};

// TTL text as BIND writes it: seconds (`3600`) or number-unit pairs with units
// w, d, h, m, s in any case (`1w2d3h4m5s`, `1h30m`). Nullopt when malformed or
// above 2^32-1 seconds. Never throws.
std::optional<std::uint64_t> parse_ttl_seconds(std::string_view text);

// A TTL field; at most 2147483647 (RFC 2181 8). `role` names the field ("TTL").
std::uint32_t read_ttl(const ZoneToken& token, const FieldContext& context, std::string_view role);
// A 32-bit time field of an SOA: TTL syntax, up to 2^32-1.
std::uint32_t read_time(const ZoneToken& token, const FieldContext& context, std::string_view role);
// A plain decimal number, 0-65535 or 0-4294967295.
std::uint16_t read_u16(const ZoneToken& token, const FieldContext& context, std::string_view role);
std::uint32_t read_u32(const ZoneToken& token, const FieldContext& context, std::string_view role);

// A domain name: `@` is the origin, a name without the trailing dot is relative to
// it; labels at most 63 octets and the name at most 255 (RFC 1035 2.3.4).
Labels read_domain_name(const ZoneToken& token, const FieldContext& context, std::string_view role);

// A <character-string>, quoted or not, as its octets; at most 255 of them.
std::string read_character_string(const ZoneToken& token, const FieldContext& context, std::string_view role);

} // namespace sipfo::dns
