#include "sipfo/dns/record.hpp"

#include "zone_name.hpp"
#include "zone_presentation.hpp"

#include "sipfo/util/suggest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <utility>

namespace sipfo::dns {

namespace {

// The mnemonics sipfo knows (RFC 1035 3.2.2, RFC 3596, RFC 2782, RFC 3403).
constexpr std::array<std::pair<RrType, std::string_view>, 10> type_names{{
  {RrType::a, "A"},
  {RrType::ns, "NS"},
  {RrType::cname, "CNAME"},
  {RrType::soa, "SOA"},
  {RrType::ptr, "PTR"},
  {RrType::mx, "MX"},
  {RrType::txt, "TXT"},
  {RrType::aaaa, "AAAA"},
  {RrType::srv, "SRV"},
  {RrType::naptr, "NAPTR"},
}};

// Types a zone may hold that sipfo never asks for: read, kept as presentation
// text, so the names they sit on exist (a CAA-only name answers NODATA, not
// NXDOMAIN), as on the real server.
constexpr std::array<std::pair<std::uint16_t, std::string_view>, 19> presentation_only_types{{
  {13, "HINFO"},  {17, "RP"},     {18, "AFSDB"}, {29, "LOC"},   {43, "DS"},    {44, "SSHFP"}, {46, "RRSIG"},
  {47, "NSEC"},   {48, "DNSKEY"}, {50, "NSEC3"}, {51, "NSEC3PARAM"}, {52, "TLSA"}, {64, "SVCB"}, {65, "HTTPS"},
  {99, "SPF"},    {256, "URI"},   {257, "CAA"},  {59, "CDS"},   {60, "CDNSKEY"},
}};

// "TYPEnnn" (RFC 3597 5): decimal 0-65535, digits only.
std::optional<RrType> generic_type(std::string_view name)
{
  constexpr std::string_view prefix = "TYPE";
  if (name.size() <= prefix.size() || !util::iequals(name.substr(0, prefix.size()), prefix)) return std::nullopt;
  const auto digits = name.substr(prefix.size());
  unsigned value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc{} || end != digits.data() + digits.size() || value > 0xffff) return std::nullopt;
  return static_cast<RrType>(value);
}

// True when the text ends with a dot that is not escaped (`a.` but not `a\.`).
bool ends_with_label_separator(std::string_view name)
{
  if (name.empty() || name.back() != '.') return false;
  std::size_t backslashes = 0;
  for (std::size_t i = name.size() - 1; i > 0 && name[i - 1] == '\\'; --i) ++backslashes;
  return backslashes % 2 == 0;
}

// The name without its final separator dot: "a.b." -> "a.b", "." -> "".
std::string_view relative_part(std::string_view name)
{
  return ends_with_label_separator(name) ? name.substr(0, name.size() - 1) : name;
}

struct RdataPrinter {
  std::string operator()(const AddressData& data) const { return data.address; }
  std::string operator()(const NameData& data) const { return data.name; }
  std::string operator()(const SrvData& data) const
  {
    return fmt::format("{} {} {} {}", data.priority, data.weight, data.port, data.target);
  }
  std::string operator()(const NaptrData& data) const
  {
    return fmt::format("{} {} {} {} {} {}", data.order, data.preference, quote_character_string(data.flags),
                       quote_character_string(data.service), quote_character_string(data.regexp),
                       data.replacement);
  }
  std::string operator()(const SoaData& data) const
  {
    return fmt::format("{} {} {} {} {} {} {}", data.mname, data.rname, data.serial, data.refresh, data.retry,
                       data.expire, data.minimum);
  }
  std::string operator()(const OpaqueData& data) const { return data.text; }
};

} // namespace

std::string rr_type_name(RrType type)
{
  for (const auto& [known, name] : type_names) {
    if (known == type) return std::string(name);
  }
  for (const auto& [number, name] : presentation_only_types) {
    if (number == static_cast<std::uint16_t>(type)) return std::string(name);
  }
  return fmt::format("TYPE{}", static_cast<unsigned>(type));
}

std::optional<RrType> rr_type_from_name(std::string_view name)
{
  for (const auto& [type, known] : type_names) {
    if (util::iequals(name, known)) return type;
  }
  for (const auto& [number, known] : presentation_only_types) {
    if (util::iequals(name, known)) return static_cast<RrType>(number);
  }
  return generic_type(name);
}

bool is_presentation_only(RrType type) noexcept
{
  for (const auto& entry : presentation_only_types) {
    if (entry.first == static_cast<std::uint16_t>(type)) return true;
  }
  return false;
}

std::string rdata_text(const Record& record)
{
  return std::visit(RdataPrinter{}, record.data);
}

std::string record_text(const Record& record)
{
  return fmt::format("{} {} IN {} {}", record.owner, record.ttl, rr_type_name(record.type), rdata_text(record));
}

std::string absolute_name(std::string_view name)
{
  if (name.empty() || name == ".") return ".";
  std::string out(name);
  if (!ends_with_label_separator(name)) out += '.';
  return out;
}

bool same_name(std::string_view a, std::string_view b) noexcept
{
  if (a.find('\\') == std::string_view::npos && b.find('\\') == std::string_view::npos) {
    return util::iequals(relative_part(a), relative_part(b));
  }
  // RFC 1035 5.1: `\065bc` and `Abc` are the same octets; compare those.
  try {
    const auto left = read_name(absolute_name(a));
    const auto right = read_name(absolute_name(b));
    if (left.error.empty() && right.error.empty()) {
      return std::equal(left.labels.begin(), left.labels.end(), right.labels.begin(), right.labels.end(),
                        [](const std::string& x, const std::string& y) { return util::iequals(x, y); });
    }
  } catch (...) { // out of memory: fall back to the text
  }
  return util::iequals(relative_part(a), relative_part(b));
}

} // namespace sipfo::dns
