#include "zone_rdata.hpp"

#include "zone_presentation.hpp"

#include "sipfo/util/input_error.hpp"

#include <fmt/format.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <array>
#include <charconv>

namespace sipfo::dns {

namespace {

using Fields = std::span<const ZoneToken>;

// The fields a type takes, for the message when the count is wrong.
struct Shape {
  std::string_view what;    // "SRV needs priority, weight, port and target"
  std::string_view example; // a correct record line
};

void expect_count(Fields fields, std::size_t count, const Shape& shape, const FieldContext& context)
{
  if (fields.size() == count) return;
  throw util::InputError(context.where, fmt::format("{}; got {} fields", shape.what, fields.size()),
                         fmt::format("write: {}", shape.example));
}

AddressData read_address(Fields fields, int family, const FieldContext& context)
{
  const bool v4 = family == AF_INET;
  expect_count(fields, 1,
               v4 ? Shape{"A needs one IPv4 address", "piper 36 IN A 10.0.0.1"}
                  : Shape{"AAAA needs one IPv6 address", "piper 36 IN AAAA 2001:db8::1"},
               context);
  std::array<unsigned char, sizeof(in6_addr)> binary{};
  std::array<char, INET6_ADDRSTRLEN> text{};
  if (fields[0].quoted || inet_pton(family, fields[0].text.c_str(), binary.data()) != 1) {
    throw util::InputError(context.where,
                           fmt::format("'{}' is not an {} address", text_for_message(fields[0].text),
                                       v4 ? "IPv4" : "IPv6"),
                           v4 ? "write four decimal octets, e.g. 10.0.0.1" : "write e.g. 2001:db8::1");
  }
  inet_ntop(family, binary.data(), text.data(), text.size());
  return AddressData{text.data()};
}

NameData read_single_name(RrType type, Fields fields, const FieldContext& context)
{
  static constexpr Shape cname{"CNAME needs one target name", "sip 36 IN CNAME piper"};
  static constexpr Shape ns{"NS needs one name server name", "@ 3600 IN NS ns1"};
  static constexpr Shape ptr{"PTR needs one name", "1.0.0.10.in-addr.arpa. 36 IN PTR piper.eslab.local."};
  const Shape& shape = type == RrType::cname ? cname : type == RrType::ns ? ns : ptr;
  expect_count(fields, 1, shape, context);
  return NameData{name_text(read_domain_name(fields[0], context, fmt::format("{} target", rr_type_name(type))))};
}

SrvData read_srv(Fields fields, const FieldContext& context)
{
  expect_count(fields, 4, {"SRV needs priority, weight, port and target", "_sip._udp 36 IN SRV 1 10 5060 piper"},
               context);
  SrvData srv;
  srv.priority = read_u16(fields[0], context, "SRV priority");
  srv.weight = read_u16(fields[1], context, "SRV weight");
  srv.port = read_u16(fields[2], context, "SRV port");
  srv.target = name_text(read_domain_name(fields[3], context, "SRV target"));
  return srv;
}

NaptrData read_naptr(Fields fields, const FieldContext& context)
{
  expect_count(fields, 6,
               {"NAPTR needs order, preference, flags, service, regexp and replacement",
                "@ 36 IN NAPTR 10 20 \"S\" \"SIP+D2U\" \"\" _sip._udp"},
               context);
  NaptrData naptr;
  naptr.order = read_u16(fields[0], context, "NAPTR order");
  naptr.preference = read_u16(fields[1], context, "NAPTR preference");
  naptr.flags = read_character_string(fields[2], context, "NAPTR flags");
  naptr.service = read_character_string(fields[3], context, "NAPTR service");
  naptr.regexp = read_character_string(fields[4], context, "NAPTR regexp");
  naptr.replacement = name_text(read_domain_name(fields[5], context, "NAPTR replacement"));
  return naptr;
}

SoaData read_soa(Fields fields, const FieldContext& context)
{
  expect_count(fields, 7,
               {"SOA needs mname, rname, serial, refresh, retry, expire and minimum",
                "@ 3600 IN SOA ns1 hostmaster 1 3600 600 86400 36"},
               context);
  SoaData soa;
  soa.mname = name_text(read_domain_name(fields[0], context, "SOA mname"));
  soa.rname = name_text(read_domain_name(fields[1], context, "SOA rname"));
  soa.serial = read_u32(fields[2], context, "SOA serial");
  soa.refresh = read_time(fields[3], context, "SOA refresh");
  soa.retry = read_time(fields[4], context, "SOA retry");
  soa.expire = read_time(fields[5], context, "SOA expire");
  soa.minimum = read_time(fields[6], context, "SOA minimum");
  return soa;
}

OpaqueData read_mx(Fields fields, const FieldContext& context)
{
  expect_count(fields, 2, {"MX needs preference and exchange", "@ 36 IN MX 10 mail"}, context);
  const auto preference = read_u16(fields[0], context, "MX preference");
  const auto exchange = read_domain_name(fields[1], context, "MX exchange");
  return OpaqueData{fmt::format("{} {}", preference, name_text(exchange))};
}

OpaqueData read_txt(Fields fields, const FieldContext& context)
{
  if (fields.empty()) {
    throw util::InputError(context.where, "TXT needs at least one string", "write: @ 36 IN TXT \"text\"");
  }
  std::string text;
  for (const auto& field : fields) {
    if (!text.empty()) text += ' ';
    text += quote_character_string(read_character_string(field, context, "TXT string"));
  }
  return OpaqueData{std::move(text)};
}

// The octets of RFC 3597 hex words; nullopt when a character is not hex or the
// digits are odd in number.
std::optional<std::string> hex_octets(Fields words)
{
  std::string digits;
  for (const auto& word : words) {
    if (word.quoted) return std::nullopt;
    digits += word.text;
  }
  if (digits.size() % 2 != 0) return std::nullopt;
  std::string octets;
  for (std::size_t i = 0; i < digits.size(); i += 2) {
    unsigned value = 0;
    const auto [end, error] = std::from_chars(digits.data() + i, digits.data() + i + 2, value, 16);
    if (error != std::errc{} || end != digits.data() + i + 2) return std::nullopt;
    octets += static_cast<char>(value);
  }
  return octets;
}

// An address from generic rdata of an A or AAAA record.
AddressData generic_address(RrType type, const std::string& octets, const FieldContext& context)
{
  const int family = type == RrType::a ? AF_INET : AF_INET6;
  const std::size_t size = type == RrType::a ? 4 : 16;
  if (octets.size() != size) {
    throw util::InputError(context.where, fmt::format("{} rdata must be {} octets, not {}", rr_type_name(type), size,
                                                      octets.size()));
  }
  std::array<char, INET6_ADDRSTRLEN> text{};
  inet_ntop(family, octets.data(), text.data(), text.size());
  return AddressData{text.data()};
}

// RFC 3597 5: `\# <length> <hex>...`; the hex may be split into words.
Rdata read_generic(RrType type, Fields fields, const FieldContext& context)
{
  static constexpr Shape shape{"generic rdata needs \\#, a length and hex octets", "piper 36 IN TYPE1 \\# 4 0A000001"};
  if (fields.size() < 2) expect_count(fields, 2, shape, context);
  const auto length = read_u16(fields[1], context, "generic rdata length");
  const auto octets = hex_octets(fields.subspan(2));
  if (!octets || octets->size() != length) {
    throw util::InputError(context.where,
                           fmt::format("generic rdata does not hold the {} octets its length says", length),
                           "write two hex digits per octet after the length, e.g. \\# 4 0A000001");
  }
  if (type == RrType::a || type == RrType::aaaa) return generic_address(type, *octets, context);
  const bool opaque = type == RrType::mx || type == RrType::txt || rr_type_name(type).starts_with("TYPE") ||
                      is_presentation_only(type);
  if (!opaque) {
    throw util::InputError(context.where, fmt::format("generic \\# rdata is not supported for {}", rr_type_name(type)),
                           fmt::format("write the {} rdata in its usual form", rr_type_name(type)));
  }
  std::string text = fmt::format("\\# {}", length);
  if (length > 0) text += ' ';
  for (char octet : *octets) text += fmt::format("{:02X}", static_cast<unsigned char>(octet));
  return OpaqueData{std::move(text)};
}

// A type sipfo never asks for: its fields as written, quoted strings re-quoted.
OpaqueData read_presentation_text(RrType type, Fields fields, const FieldContext& context)
{
  if (fields.empty()) {
    throw util::InputError(context.where, fmt::format("{} record has no data", rr_type_name(type)),
                           "write the record's fields after its type");
  }
  std::string text;
  for (const auto& field : fields) {
    if (!text.empty()) text += ' ';
    text += field.quoted ? quote_character_string(field.text) : field.text;
  }
  return OpaqueData{std::move(text)};
}

bool is_generic(Fields fields)
{
  return !fields.empty() && !fields[0].quoted && fields[0].text == "\\#";
}

} // namespace

Rdata read_rdata(RrType type, std::span<const ZoneToken> fields, const FieldContext& context)
{
  if (is_generic(fields)) return read_generic(type, fields, context);
  switch (type) {
  case RrType::a: return read_address(fields, AF_INET, context);
  case RrType::aaaa: return read_address(fields, AF_INET6, context);
  case RrType::cname:
  case RrType::ns:
  case RrType::ptr: return read_single_name(type, fields, context);
  case RrType::srv: return read_srv(fields, context);
  case RrType::naptr: return read_naptr(fields, context);
  case RrType::soa: return read_soa(fields, context);
  case RrType::mx: return read_mx(fields, context);
  case RrType::txt: return read_txt(fields, context);
  }
  if (is_presentation_only(type)) return read_presentation_text(type, fields, context);
  throw util::InputError(context.where, fmt::format("{} rdata must be in the generic form", rr_type_name(type)),
                         fmt::format("a type sipfo has no mnemonic for is written as \\# length hex (RFC 3597 5), "
                                     "e.g. {} \\# 4 0A000001",
                                     rr_type_name(type)));
}

} // namespace sipfo::dns
