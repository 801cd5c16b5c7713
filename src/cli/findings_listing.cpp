#include "findings_listing.hpp"

#include "sipfo/applog/root_cause.hpp"

#include <fmt/format.h>

#include <vector>

namespace sipfo::cli {

namespace {

// The parse-log rule of a code parse-log reports, else nullptr.
const applog::RootCauseRule* parse_log_rule(const util::FindingKind& kind)
{
  for (const auto& rule : applog::root_cause_rules()) {
    if (applog::finding_code(rule.cause) == kind.id) return &rule;
  }
  return nullptr;
}

// " (parse-log: error)" where parse-log reports the code at another level.
std::string parse_log_level_note(const util::FindingKind& kind)
{
  if (!kind.reported_by(util::Reporter::parse_log) || kind.parse_log_severity == kind.severity) return "";
  return fmt::format(" (parse-log: {})", util::severity_name(kind.parse_log_severity));
}

} // namespace

std::string reporters_text(const util::FindingKind& kind)
{
  std::vector<std::string_view> names;
  for (const auto reporter : util::all_reporters) {
    if (kind.reported_by(reporter)) names.push_back(util::reporter_name(reporter));
  }
  return fmt::format("{}", fmt::join(names, " "));
}

std::string findings_listing()
{
  std::string out;
  for (const auto& kind : util::finding_kinds()) {
    out += fmt::format("{:<28} {:<7} {:<23} {}{}\n", kind.code, util::severity_name(kind.severity),
                       reporters_text(kind), kind.summary, parse_log_level_note(kind));
  }
  return out;
}

std::string finding_explanation(const util::FindingKind& kind)
{
  std::string out = fmt::format("{} ({})\n  {}\n  what to do: {}\n", kind.code, util::severity_name(kind.severity),
                                kind.summary, kind.fix);
  out += fmt::format("  reported by: {}{}\n", reporters_text(kind), parse_log_level_note(kind));
  if (const auto* rule = parse_log_rule(kind); rule && rule->fix() != kind.fix) {
    out += fmt::format("  what to do (parse-log): {}\n", rule->fix());
  }
  out += fmt::format("  source: {}\n", kind.source);
  std::vector<std::string> same;
  for (const auto code : util::same_meaning(kind.id)) {
    const auto& other = util::finding_kind(code);
    same.push_back(fmt::format("{} ({})", other.code, reporters_text(other)));
  }
  if (!same.empty()) out += fmt::format("  the same seen by another subcommand: {}\n", fmt::join(same, ", "));
  return out;
}

} // namespace sipfo::cli
