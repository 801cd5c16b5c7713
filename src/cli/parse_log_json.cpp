#include "parse_log_json.hpp"

#include "sipfo/applog/root_cause.hpp"
#include "sipfo/render/json_text.hpp"

namespace sipfo::cli {

namespace {

using nlohmann::json;
using namespace sipfo::applog;

json optional_number(std::int64_t value) { return value < 0 ? json(nullptr) : json(value); }
json optional_line(std::uint64_t value) { return value == 0 ? json(nullptr) : json(value); }
json optional_text(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

std::string_view boot_start_code(BootStart start)
{
  switch (start) {
  case BootStart::file_start: return "file_start";
  case BootStart::marker: return "boot_marker";
  case BootStart::clock_reset: return "clock_reset";
  case BootStart::ready_again: return "second_ready_for_call";
  }
  return "file_start";
}

std::string_view cache_code(CacheUse cache)
{
  switch (cache) {
  case CacheUse::none: return "none";
  case CacheUse::miss: return "miss";
  case CacheUse::hit: return "hit";
  case CacheUse::negative_hit: return "negative_hit";
  }
  return "none";
}

std::string_view time_format_code(TimeFormat format)
{
  switch (format) {
  case TimeFormat::since_boot: return "0";
  case TimeFormat::minute: return "1";
  case TimeFormat::second: return "2";
  case TimeFormat::automatic:
  case TimeFormat::none: break;
  }
  return "none";
}

json candidates_json(const std::vector<Candidate>& candidates, const std::string& active)
{
  json list = json::array();
  std::int64_t rank = 0;
  for (const Candidate& c : candidates) {
    list.push_back({{"rank", ++rank},
                    {"address", optional_text(c.address)},
                    {"port", c.port},
                    {"transport", transport_name(c.transport)},
                    {"priority", optional_number(c.priority)},
                    {"weight", optional_number(c.weight)},
                    {"target", c.target},
                    {"line", optional_line(c.line)},
                    {"active", !active.empty() && c.address == active}});
  }
  return list;
}

json lookup_json(const DnsLookup& lookup)
{
  json records = json::array();
  for (const NaptrRecord& r : lookup.naptr) {
    records.push_back({{"type", "NAPTR"},
                       {"order", optional_number(r.order)},
                       {"preference", optional_number(r.preference)},
                       {"flags", r.flags},
                       {"service", r.service},
                       {"regexp", r.regexp},
                       {"replacement", r.replacement},
                       {"line", optional_line(r.line)}});
  }
  for (const SrvRecord& r : lookup.srv) {
    records.push_back({{"type", "SRV"},
                       {"priority", optional_number(r.priority)},
                       {"weight", optional_number(r.weight)},
                       {"port", optional_number(r.port)},
                       {"target", r.target},
                       {"line", optional_line(r.line)}});
  }
  return {{"type", std::string(to_string(lookup.type))},
          {"name", lookup.name},
          {"start_line", optional_line(lookup.start_line)},
          {"result_line", optional_line(lookup.result_line)},
          {"cache", std::string(cache_code(lookup.cache))},
          {"outcome", std::string(to_string(lookup.outcome))},
          {"err_code", optional_number(lookup.error_code)},
          {"ttl", optional_number(lookup.ttl)},
          {"negative_ttl", optional_number(lookup.negative_ttl)},
          {"cache_expires", optional_number(lookup.cache_expires)},
          {"related", lookup.related},
          {"addresses", lookup.addresses},
          {"records", records},
          {"lines", lookup.lines}};
}

json explain_json(const std::vector<ExplainLine>& lines)
{
  json list = json::array();
  for (const ExplainLine& l : lines) {
    list.push_back({{"line", l.line},
                    {"time", optional_text(l.stamp)},
                    {"module", l.module},
                    {"level", std::string(1, l.level)},
                    {"text", l.text},
                    {"note", l.note}});
  }
  return list;
}

void add_diagnosis(json& object, const std::optional<Diagnosis>& diagnosis)
{
  if (!diagnosis) {
    object["root_cause"] = nullptr;
    object["severity"] = nullptr;
    object["message"] = nullptr;
    object["fix"] = nullptr;
    object["missing"] = nullptr;
    object["evidence_lines"] = json::array();
    return;
  }
  const RootCauseRule& rule = rule_of(diagnosis->cause);
  object["root_cause"] = std::string(rule.code());
  object["severity"] = std::string(to_string(rule.severity()));
  object["message"] = diagnosis->message;
  object["fix"] = std::string(rule.fix());
  object["missing"] = optional_text(diagnosis->missing);
  object["evidence_lines"] = diagnosis->evidence_lines;
}

json attempt_json(const Attempt& attempt, ExplainJson explain)
{
  json failures = json::array();
  for (const SipFailure& f : attempt.failures) {
    failures.push_back({{"line", f.line}, {"code", f.code}, {"reason", f.reason}, {"user", optional_text(f.user)},
                        {"server", optional_text(f.server)}});
  }
  json lookups = json::array();
  for (const DnsLookup& lookup : attempt.lookups) lookups.push_back(lookup_json(lookup));
  json object = {{"first_line", attempt.first_line},
                 {"last_line", attempt.last_line},
                 {"register_line", optional_line(attempt.register_line)},
                 {"user", optional_text(attempt.user)},
                 {"line_index", optional_number(attempt.line_index)},
                 {"configured_name", optional_text(attempt.configured_name)},
                 {"transport", attempt.transport ? json(transport_name(*attempt.transport)) : json(nullptr)},
                 {"explicit_port", optional_number(attempt.explicit_port)},
                 {"outcome", std::string(to_string(attempt.outcome))},
                 {"success_line", optional_line(attempt.success_line)},
                 {"success_inferred", attempt.success_inferred},
                 {"active", optional_text(attempt.active)},
                 {"lookups", lookups},
                 {"lookups_dropped", attempt.lookups_dropped},
                 {"candidates", candidates_json(attempt.candidates, attempt.active)},
                 {"failures", failures}};
  add_diagnosis(object, attempt.diagnosis);
  if (explain == ExplainJson::yes) {
    object["explain"] = explain_json(attempt.explain);
    object["explain_dropped"] = attempt.explain_dropped;
  }
  return object;
}

json boot_json(const Boot& boot, std::size_t index, ExplainJson explain)
{
  json attempts = json::array();
  for (const Attempt& attempt : boot.attempts) attempts.push_back(attempt_json(attempt, explain));
  json object = {{"index", index},
                 {"first_line", boot.first_line},
                 {"last_line", boot.last_line},
                 {"start", std::string(boot_start_code(boot.start))},
                 {"ready_line", optional_line(boot.ready_line)},
                 {"outcome", std::string(to_string(boot.outcome))},
                 {"failures", boot.failures},
                 {"attempts_dropped", boot.attempts_dropped},
                 {"attempts", attempts}};
  add_diagnosis(object, boot.diagnosis);
  if (explain == ExplainJson::yes) object["explain"] = explain_json(boot.loose);
  return object;
}

json stats_json(const LogStats& stats)
{
  return {{"lines", stats.lines},
          {"bytes", stats.bytes},
          {"malformed_lines", stats.malformed},
          {"first_malformed_line", optional_line(stats.first_malformed_line)},
          {"blank_lines", stats.blank},
          {"cut_lines", stats.cut},
          {"missed_events", stats.missed_events},
          {"lines_with_missed_events", stats.lines_with_missed},
          {"dns_detail_lines", stats.dns_detail},
          {"sip_lines", stats.sip_lines},
          {"unterminated_last_line", stats.unterminated_last_line},
          {"time_format", std::string(time_format_code(stats.time_format))}};
}

} // namespace

json parse_log_file_json(const FileReport& report, ExplainJson explain)
{
  json boots = json::array();
  std::size_t index = report.boots_dropped;
  for (const Boot& boot : report.boots) boots.push_back(boot_json(boot, ++index, explain));
  json object = {{"path", report.path},
                 {"outcome", std::string(to_string(report.outcome))},
                 {"exit_status", static_cast<int>(report.exit_status)},
                 {"error", report.error ? json(*report.error) : json(nullptr)},
                 {"snapshot", report.snapshot},
                 {"candidates", candidates_json(report.candidates, report.active)},
                 {"active", optional_text(report.active)},
                 {"failure_in_file", report.failure_in_file},
                 {"boots_dropped", report.boots_dropped},
                 {"boots", boots},
                 {"stats", stats_json(report.stats)},
                 {"warnings", report.warnings}};
  add_diagnosis(object, report.diagnosis);
  return object;
}

json parse_log_document(std::vector<json> files, util::ExitStatus exit_status)
{
  return {{"schema_version", parse_log_schema_version},
          {"command", "parse-log"},
          {"exit_status", static_cast<int>(exit_status)},
          {"files", std::move(files)}};
}

std::string dump_json(const json& value, int indent)
{
  return render::json_text(value, indent);
}

} // namespace sipfo::cli
