#include "sipfo/render/resolve_report.hpp"

#include "sipfo/render/json_text.hpp"

#include <nlohmann/json.hpp>

#include <cmath>

namespace sipfo::render {

namespace {

using nlohmann::json;

const char* carrier_name(dns::Carrier carrier)
{
  switch (carrier) {
  case dns::Carrier::udp: return "udp";
  case dns::Carrier::tcp: return "tcp";
  case dns::Carrier::zone: return "zone";
  case dns::Carrier::static_cache: return "static";
  }
  return "";
}

json rdata_json(const dns::Rdata& data)
{
  json out = json::object();
  std::visit(
    [&](const auto& d) {
      using T = std::decay_t<decltype(d)>;
      if constexpr (std::is_same_v<T, dns::AddressData>) {
        out["address"] = d.address;
      } else if constexpr (std::is_same_v<T, dns::NameData>) {
        out["target"] = d.name;
      } else if constexpr (std::is_same_v<T, dns::SrvData>) {
        out = {{"priority", d.priority}, {"weight", d.weight}, {"port", d.port}, {"target", d.target}};
      } else if constexpr (std::is_same_v<T, dns::NaptrData>) {
        out = {{"order", d.order},   {"preference", d.preference}, {"flags", d.flags},
               {"service", d.service}, {"regexp", d.regexp},       {"replacement", d.replacement}};
      } else if constexpr (std::is_same_v<T, dns::SoaData>) {
        out = {{"mname", d.mname}, {"rname", d.rname}, {"serial", d.serial}, {"minimum", d.minimum}};
      }
    },
    data);
  return out;
}

json record_json(const dns::Record& record)
{
  json out = {{"name", record.owner}, {"type", dns::rr_type_name(record.type)}, {"ttl", record.ttl},
              {"rdata", dns::rdata_text(record)}};
  out.update(rdata_json(record.data));
  return out;
}

json optional_ms(const std::optional<std::chrono::microseconds>& elapsed)
{
  if (!elapsed) return nullptr;
  return std::round(elapsed->count() / 100.0) / 10.0; // 0.1 ms resolution
}

} // namespace

json queries_json(const handset::Resolution& resolution)
{
  json out = json::array();
  for (const auto& query : resolution.queries) {
    const auto& a = query.answer;
    json records = json::array();
    for (const auto& record : a.records) records.push_back(record_json(record));
    const auto ttl = a.ttl();
    json passed_over = json::array();
    for (const auto& miss : a.missed) {
      passed_over.push_back({{"source", miss.source},
                             {"outcome", dns::outcome_name(miss.outcome)},
                             {"waited_ms", std::chrono::duration_cast<std::chrono::milliseconds>(miss.waited).count()}});
    }
    out.push_back({{"type", dns::rr_type_name(a.question.type)},
                   {"name", a.question.name},
                   {"outcome", dns::outcome_name(a.outcome)},
                   {"ttl", ttl ? json(*ttl) : json(nullptr)},
                   {"records", std::move(records)},
                   {"purpose", query.purpose},
                   {"asked_by", query.asked_by == handset::Asker::handset ? "handset" : "sipfo"},
                   {"source", a.source},
                   {"carrier", carrier_name(a.carrier)},
                   {"truncated", a.truncated},
                   {"size", a.size},
                   {"rtt_ms", optional_ms(a.elapsed)},
                   {"problem", a.problem.empty() ? json(nullptr) : json(a.problem)},
                   {"servers_passed_over", std::move(passed_over)}});
  }
  return out;
}

json candidate_json(const handset::Candidate& c)
{
  return {{"rank", c.rank},
          {"priority", c.priority},
          {"weight", c.weight},
          {"address", c.address},
          {"port", c.port},
          {"transport", handset::transport_name(c.transport)},
          {"target", c.target},
          {"origin", handset::origin_name(c.origin)},
          {"srv_name", c.srv_name.empty() ? json(nullptr) : json(c.srv_name)}};
}

json candidates_json(const handset::Resolution& resolution)
{
  json out = json::array();
  const auto* preferred = handset::preferred_candidate(resolution);
  for (const auto& c : resolution.candidates) {
    auto entry = candidate_json(c);
    entry["preferred"] = &c == preferred;
    out.push_back(std::move(entry));
  }
  return out;
}

json findings_json(const handset::Resolution& resolution)
{
  json out = json::array();
  for (const auto& f : resolution.findings) {
    out.push_back({{"severity", handset::severity_name(f.severity)},
                   {"code", f.code},
                   {"message", f.message},
                   {"record", f.record.empty() ? json(nullptr) : json(f.record)}});
  }
  return out;
}

std::string resolve_json(const ResolveReport& report)
{
  json doc = {{"schema_version", schema_version},
              {"command", "resolve"},
              {"exit_status", static_cast<int>(report.exit_status)},
              {"input",
               {{"spec", report.spec},
                {"profile", report.profile},
                {"address", report.setting.address},
                {"port", report.setting.port},
                {"transport", handset::transport_setting_name(report.setting.transport)}}},
              {"dns", report.dns_source},
              {"queries", queries_json(report.resolution)},
              {"rank_style", report.resolution.rank_style == handset::RankStyle::serverspec ? "serverspec" : "try_order"},
              {"candidates", candidates_json(report.resolution)},
              {"findings", findings_json(report.resolution)},
              {"decisions", report.resolution.decisions}};
  return json_text(doc, 2) + "\n";
}

} // namespace sipfo::render
