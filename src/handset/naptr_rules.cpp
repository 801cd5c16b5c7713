#include "naptr_rules.hpp"

#include "sipfo/util/suggest.hpp"

#include <algorithm>

namespace sipfo::handset {

namespace {

std::string_view first_label(std::string_view name, std::size_t& rest)
{
  const auto dot = name.find('.');
  rest = dot == std::string_view::npos ? name.size() : dot + 1;
  return name.substr(0, dot == std::string_view::npos ? name.size() : dot);
}

} // namespace

std::optional<Transport> sip_service_transport(std::string_view service) noexcept
{
  if (util::iequals(service, "SIP+D2U")) return Transport::udp;
  if (util::iequals(service, "SIP+D2T")) return Transport::tcp;
  if (util::iequals(service, "SIPS+D2T")) return Transport::tls;
  return std::nullopt;
}

std::optional<Transport> srv_name_transport(std::string_view name) noexcept
{
  std::size_t rest = 0;
  const auto service = first_label(name, rest);
  std::size_t after = 0;
  const auto proto = first_label(name.substr(rest), after);
  if (util::iequals(service, "_sips") && util::iequals(proto, "_tcp")) return Transport::tls;
  if (util::iequals(service, "_sip") && util::iequals(proto, "_tcp")) return Transport::tcp;
  if (util::iequals(service, "_sip") && util::iequals(proto, "_udp")) return Transport::udp;
  return std::nullopt;
}

std::string srv_name_for(Transport transport, std::string_view domain)
{
  std::string prefix;
  switch (transport) {
  case Transport::udp: prefix = "_sip._udp."; break;
  case Transport::tcp: prefix = "_sip._tcp."; break;
  case Transport::tls: prefix = "_sips._tcp."; break;
  }
  return dns::absolute_name(prefix + std::string(domain));
}

bool looks_like_srv_name(std::string_view name) noexcept
{
  std::size_t rest = 0;
  const auto service = first_label(name, rest);
  std::size_t after = 0;
  const auto proto = first_label(name.substr(rest), after);
  const auto domain = name.substr(rest).substr(after);
  auto underscored = [](std::string_view label) {
    return label.size() >= 2 && label.front() == '_' && label.find('_', 1) == std::string_view::npos;
  };
  return underscored(service) && underscored(proto) && !domain.empty() && domain != ".";
}

std::optional<std::string> corrected_srv_name(std::string_view name)
{
  std::size_t rest = 0;
  const auto label = first_label(name, rest);
  // "_sip_udp" -> "_sip._udp": the dot between service and protocol was lost.
  const auto inner = label.find('_', 1);
  if (label.size() > 2 && label.front() == '_' && inner != std::string_view::npos) {
    std::string fixed(label.substr(0, inner));
    fixed += '.';
    fixed += label.substr(inner);
    fixed += '.';
    fixed += name.substr(rest);
    return fixed;
  }
  return std::nullopt;
}

std::vector<dns::Record> ordered_naptr(const std::vector<dns::Record>& records)
{
  std::vector<dns::Record> out;
  for (const auto& record : records) {
    if (std::holds_alternative<dns::NaptrData>(record.data)) out.push_back(record);
  }
  std::stable_sort(out.begin(), out.end(), [](const dns::Record& a, const dns::Record& b) {
    const auto& x = std::get<dns::NaptrData>(a.data);
    const auto& y = std::get<dns::NaptrData>(b.data);
    return x.order != y.order ? x.order < y.order : x.preference < y.preference;
  });
  return out;
}

} // namespace sipfo::handset

#include "sipfo/handset/resolution.hpp"

#include <fmt/format.h>

namespace sipfo::handset {

void report_malformed_replacements(const std::vector<dns::Record>& naptr_records, Resolution& resolution)
{
  for (const auto& record : naptr_records) {
    const auto* data = std::get_if<dns::NaptrData>(&record.data);
    // Only a terminal "S" record points at SRV records (RFC 3263 4.1). An empty
    // flag asks NAPTR again at the replacement (RFC 3403 4.1; Yealink Appendix A:
    // "the IP phone will perform NAPTR query again"), "A" asks its address: their
    // replacements are plain domain names.
    if (data == nullptr || (data->flags != "s" && data->flags != "S") || data->replacement.empty() ||
        data->replacement == "." || looks_like_srv_name(data->replacement)) {
      continue;
    }
    const auto fix = corrected_srv_name(data->replacement);
    resolution.findings.push_back(make_finding(
      handset::FindingCode::naptr_replacement_malformed,
      fix ? fmt::format("NAPTR replacement {} is not _service._proto.domain; did you mean {}?", data->replacement, *fix)
          : fmt::format("NAPTR replacement {} is not _service._proto.domain", data->replacement),
      dns::record_text(record)));
  }
}

} // namespace sipfo::handset
