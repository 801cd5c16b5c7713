#include "sipfo/render/probe_report.hpp"

#include "probe_parts.hpp"

#include "sipfo/render/json_text.hpp"
#include "sipfo/render/resolve_report.hpp"

#include <nlohmann/json.hpp>

namespace sipfo::render {

namespace {

using nlohmann::json;

json input_json(const ProbeInput& in)
{
  json out = {{"spec", in.spec.empty() ? json(nullptr) : json(in.spec)},
              {"profile", in.profile.empty() ? json(nullptr) : json(in.profile)},
              {"targets", in.targets}};
  if (!in.spec.empty()) {
    out["address"] = in.setting.address;
    out["port"] = in.setting.port;
    out["transport"] = handset::transport_setting_name(in.setting.transport);
  }
  return out;
}

json text_or_null(const std::string& text)
{
  return text.empty() ? json(nullptr) : json(text);
}

// null where sipfo's default applies.
json settings_json(const ProbeInput& in)
{
  return {{"user", text_or_null(in.user)},
          {"register_mode", in.register_mode == probe::RegisterMode::bind ? "bind" : "query"},
          {"source", text_or_null(in.source)},
          {"from", text_or_null(in.from_uri)},
          {"user_agent", text_or_null(in.user_agent)},
          {"t1_ms", in.t1.count()},
          {"timer_f_ms", in.timer_f.count()}};
}

json summary_json(const probe::ProbeReport& report)
{
  json counts = {{"up", 0}, {"down", 0}, {"failed", 0}, {"unknown", 0}};
  for (const auto& c : report.candidates) counts[probe::status_name(c.status)] = counts[probe::status_name(c.status)].get<int>() + 1;
  return counts;
}

} // namespace

std::string probe_json(const ProbeRun& run)
{
  json candidates = json::array();
  for (std::size_t i = 0; i < run.probe.candidates.size(); ++i) candidates.push_back(probe_parts::candidate_json(run, i));
  json active = nullptr;
  if (run.probe.active) active = probe_parts::server_text(run.probe.candidates[*run.probe.active]);
  json doc = {{"schema_version", schema_version},
              {"command", "probe"},
              {"exit_status", static_cast<int>(run.exit_status)},
              {"input", input_json(run.input)},
              {"settings", settings_json(run.input)},
              {"dns", run.input.dns_source.empty() ? json(nullptr) : json(run.input.dns_source)},
              {"queries", queries_json(run.resolution)},
              {"rank_style", run.resolution.rank_style == handset::RankStyle::serverspec ? "serverspec" : "try_order"},
              {"candidates", std::move(candidates)},
              {"active", std::move(active)},
              {"summary", summary_json(run.probe)},
              {"findings", findings_json(run.resolution)}};
  return json_text(doc, 2) + "\n";
}

} // namespace sipfo::render
