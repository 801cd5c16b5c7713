#include "parse_log_tally.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>
#include <vector>

namespace sipfo::cli {

namespace {

// The order of the tally's parts: how well it went, best first.
constexpr std::array<FileOutcome, 5> shown_order{FileOutcome::registered, FileOutcome::recovered, FileOutcome::failed,
                                                 FileOutcome::unknown, FileOutcome::unreadable};

std::string causes_text(const std::map<std::string, std::size_t>& causes)
{
  std::vector<std::pair<std::string, std::size_t>> sorted(causes.begin(), causes.end());
  // Most frequent first; ties by code, so the line never depends on file order.
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& x, const auto& y) { return x.second > y.second; });
  std::string text;
  for (const auto& [code, count] : sorted) text += fmt::format("{}{} {}", text.empty() ? "" : ", ", code, count);
  return text;
}

} // namespace

void ParseLogTally::add(const applog::FileReport& report)
{
  malformed_lines_ += report.stats.malformed;
  add(verdict_of(report));
}

void ParseLogTally::add(const FileVerdict& verdict)
{
  const auto index = static_cast<std::size_t>(verdict.outcome);
  ++files_;
  ++counts_[index];
  const bool named = verdict.outcome == FileOutcome::recovered || verdict.outcome == FileOutcome::failed ||
                     verdict.outcome == FileOutcome::unknown;
  if (!named) return;
  const std::string code =
    verdict.cause ? std::string(applog::rule_of(*verdict.cause).code()) : std::string("summarised boot");
  ++causes_[index][code];
}

std::string ParseLogTally::line() const
{
  std::string text = fmt::format("{} file{}:", files_, files_ == 1 ? "" : "s");
  bool first = true;
  for (FileOutcome outcome : shown_order) {
    const auto index = static_cast<std::size_t>(outcome);
    if (counts_[index] == 0) continue;
    text += fmt::format("{} {} {}", first ? "" : ",", counts_[index], to_string(outcome));
    if (!causes_[index].empty()) text += " (" + causes_text(causes_[index]) + ")";
    first = false;
  }
  return text;
}

} // namespace sipfo::cli
