#include "sipfo/applog/record_type.hpp"

#include "sipfo/util/suggest.hpp"

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
  const std::string lower = util::to_lower(text);
  if (lower.find("_sips") != std::string::npos || lower.find("tls") != std::string::npos) return Transport::tls;
  if (lower.find("tcp") != std::string::npos) return Transport::tcp;
  return Transport::udp;
}

} // namespace sipfo::applog
