#include "zone_field.hpp"

#include "zone_presentation.hpp"

#include "sipfo/util/input_error.hpp"

#include <fmt/format.h>

#include <charconv>
#include <limits>

namespace sipfo::dns {

namespace {

constexpr std::uint64_t max_u32 = std::numeric_limits<std::uint32_t>::max();

// Seconds per TTL unit letter; 0 for anything else.
std::uint64_t unit_seconds(char unit)
{
  switch (unit) {
  case 'w': case 'W': return 604800;
  case 'd': case 'D': return 86400;
  case 'h': case 'H': return 3600;
  case 'm': case 'M': return 60;
  case 's': case 'S': return 1;
  default: return 0;
  }
}

// Plain decimal digits up to `max`; nullopt otherwise.
std::optional<std::uint64_t> parse_decimal(std::string_view text, std::uint64_t max)
{
  if (text.empty() || text.size() > 20) return std::nullopt;
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value > max) return std::nullopt;
  return value;
}

std::uint64_t read_number(const ZoneToken& token, const FieldContext& context, std::string_view role,
                          std::uint64_t max)
{
  const auto value = token.quoted ? std::nullopt : parse_decimal(token.text, max);
  if (!value) {
    throw util::InputError(context.where, fmt::format("{} '{}' is not a number from 0 to {}", role, text_for_message(token.text), max));
  }
  return *value;
}

std::uint64_t read_seconds(const ZoneToken& token, const FieldContext& context, std::string_view role,
                           std::uint64_t max)
{
  const auto value = token.quoted ? std::nullopt : parse_ttl_seconds(token.text);
  if (!value) {
    throw util::InputError(context.where, fmt::format("{} '{}' is not a time", role, text_for_message(token.text)),
                           "write seconds, or units w d h m s as in 1h30m");
  }
  if (*value > max) {
    throw util::InputError(context.where, fmt::format("{} '{}' is above {} seconds", role, text_for_message(token.text), max),
                           max == max_ttl ? "TTLs are at most 2147483647 (RFC 2181 8)" : "");
  }
  return *value;
}

Labels make_absolute(NameText name, const FieldContext& context, std::string_view role, std::string_view text)
{
  if (name.absolute) return std::move(name.labels);
  if (context.origin == nullptr) {
    throw util::InputError(context.where, fmt::format("{} '{}' is relative and no origin is set", role, text_for_message(text)),
                           "end the name with a dot, or set $ORIGIN before it");
  }
  name.labels.insert(name.labels.end(), context.origin->begin(), context.origin->end());
  return std::move(name.labels);
}

} // namespace

std::optional<std::uint64_t> parse_ttl_seconds(std::string_view text)
{
  if (const auto plain = parse_decimal(text, max_u32)) return plain;
  std::uint64_t total = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    if (i == start || i == text.size() || i - start > 10) return std::nullopt;
    const auto per = unit_seconds(text[i]);
    if (per == 0) return std::nullopt;
    const auto number = parse_decimal(text.substr(start, i - start), max_u32);
    if (!number || *number > max_u32 / per) return std::nullopt;
    total += *number * per;
    if (total > max_u32) return std::nullopt;
    ++i;
  }
  return total;
}

std::uint32_t read_ttl(const ZoneToken& token, const FieldContext& context, std::string_view role)
{
  return static_cast<std::uint32_t>(read_seconds(token, context, role, max_ttl));
}

std::uint32_t read_time(const ZoneToken& token, const FieldContext& context, std::string_view role)
{
  return static_cast<std::uint32_t>(read_seconds(token, context, role, max_u32));
}

std::uint16_t read_u16(const ZoneToken& token, const FieldContext& context, std::string_view role)
{
  return static_cast<std::uint16_t>(read_number(token, context, role, std::numeric_limits<std::uint16_t>::max()));
}

std::uint32_t read_u32(const ZoneToken& token, const FieldContext& context, std::string_view role)
{
  return static_cast<std::uint32_t>(read_number(token, context, role, max_u32));
}

Labels read_domain_name(const ZoneToken& token, const FieldContext& context, std::string_view role)
{
  if (token.quoted) {
    throw util::InputError(context.where, fmt::format("{} \"{}\" is quoted", role, text_for_message(token.text)),
                           "write domain names without quotes");
  }
  if (token.text == "@") {
    if (context.origin == nullptr) {
      throw util::InputError(context.where, fmt::format("{} '@' with no origin set", role),
                             "set $ORIGIN before it, or write the name in full with a trailing dot");
    }
    return *context.origin;
  }
  auto name = read_name(token.text);
  if (!name.error.empty()) {
    throw util::InputError(context.where, fmt::format("{}: {}", role, name.error),
                           "labels are 1-63 octets, separated by dots (RFC 1035 2.3.4)");
  }
  auto labels = make_absolute(std::move(name), context, role, token.text);
  if (wire_length(labels) > max_name_length) {
    throw util::InputError(context.where, fmt::format("{} '{}' is longer than 255 octets", role, text_for_message(token.text)),
                           "RFC 1035 2.3.4 limits a name to 255 octets; check $ORIGIN and the trailing dot");
  }
  return labels;
}

std::string read_character_string(const ZoneToken& token, const FieldContext& context, std::string_view role)
{
  auto octets = unescape(token.text);
  if (!octets) {
    throw util::InputError(context.where, fmt::format("{} '{}' has a malformed escape", role, text_for_message(token.text)),
                           "write \\\" for a quote, \\\\ for a backslash, \\DDD (000-255) for any octet");
  }
  if (octets->size() > 255) {
    throw util::InputError(context.where, fmt::format("{} is longer than 255 octets", role),
                           "a <character-string> holds at most 255 octets (RFC 1035 3.3)");
  }
  return std::move(*octets);
}

} // namespace sipfo::dns
