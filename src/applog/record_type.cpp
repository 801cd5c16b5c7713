#include "sipfo/applog/record_type.hpp"

#include "sipfo/util/suggest.hpp"

#include "text_pattern.hpp"

namespace sipfo::applog {

RecordType parse_record_type(std::string_view text) noexcept
{
  if (util::iequals(text, "NAPTR")) return RecordType::naptr;
  if (util::iequals(text, "SRV")) return RecordType::srv;
  if (util::iequals(text, "A")) return RecordType::a;
  if (util::iequals(text, "AAAA")) return RecordType::aaaa;
  return RecordType::other;
}

std::string_view to_string(RecordType type) noexcept
{
  switch (type) {
  case RecordType::naptr: return "NAPTR";
  case RecordType::srv: return "SRV";
  case RecordType::a: return "A";
  case RecordType::aaaa: return "AAAA";
  case RecordType::other: return "other";
  case RecordType::none: break;
  }
  return "";
}

Transport transport_from(std::string_view text) noexcept
{
  // Searched without a lower-case copy: no allocation per SRV name.
  const auto has = [text](std::string_view word) { return ifind(text, word) != std::string_view::npos; };
  if (has("_sips") || has("tls")) return Transport::tls;
  if (has("tcp")) return Transport::tcp;
  return Transport::udp;
}

} // namespace sipfo::applog
