#include "sipfo/applog/log_parser.hpp"

#include "sipfo/applog/event_classifier.hpp"
#include "sipfo/applog/line_reader.hpp"
#include "sipfo/applog/log_line.hpp"

#include "sipfo/util/input_error.hpp"

#include <fmt/format.h>

namespace sipfo::applog {

namespace {

bool is_blank(std::string_view text) noexcept
{
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\0') return false;
  }
  return true;
}

bool is_dns_detail(const LogLine& line) noexcept
{
  return line.module == "dns" && line.level >= '0' && line.level <= '3';
}

// The counters of one line that are not about events.
void count(LogStats& stats, const RawLine& raw)
{
  stats.lines = raw.number;
  if (raw.cut) ++stats.cut;
  if (raw.unterminated) stats.unterminated_last_line = true;
}

FileReport unusable(const std::string& path, std::string where, std::string what, std::string hint)
{
  FileReport report;
  report.path = path;
  report.error = util::format_input_error(util::InputError(std::move(where), std::move(what), std::move(hint)));
  report.exit_status = util::ExitStatus::unknown;
  return report;
}

void add_warnings(FileReport& report, std::size_t line_limit)
{
  const LogStats& stats = report.stats;
  if (stats.malformed > 0) {
    report.warnings.push_back(fmt::format("{} malformed line(s) skipped (first: line {})", stats.malformed,
                                          stats.first_malformed_line));
  }
  if (stats.cut > 0) {
    report.warnings.push_back(fmt::format("{} line(s) longer than {} KiB skipped as malformed", stats.cut, line_limit / 1024));
  }
  if (stats.missed_events > 0) {
    report.warnings.push_back(fmt::format("the phone's logger dropped events under load (missed counter up to {} on {} "
                                          "line(s)): gaps are possible",
                                          stats.missed_events, stats.lines_with_missed));
  }
  if (report.boots_dropped > 0) {
    report.warnings.push_back(fmt::format("{} earlier boot(s) summarised, not shown", report.boots_dropped));
  }
}

} // namespace

bool is_snapshot_name(std::string_view path) noexcept
{
  const std::size_t slash = path.rfind('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  return name.find("-now-") != std::string_view::npos;
}

FileReport parse_log(ByteSource& source, const std::string& path, const ParseOptions& options)
{
  LineReader reader(source, LineReader::default_buffer, options.line_limit);
  AttemptBuilder builder(is_snapshot_name(path), options.limits, options.explanations);
  TimeFormatGuess guess;
  LogStats stats;
  std::uint64_t parsed = 0;
  std::string read_error;
  RawLine raw;
  LogLine line;
  Event event;
  EventClassifier classifier;
  try {
    while (reader.next(raw)) {
      count(stats, raw);
      if (raw.cut) {
        // Over the line limit: only its head is in memory, and a cut DNS or SIP
        // line would be read as data it does not hold. Malformed, counted, skipped.
        if (stats.malformed++ == 0) stats.first_malformed_line = raw.number;
        continue;
      }
      if (is_blank(raw.text)) {
        ++stats.blank;
        continue;
      }
      if (!read_log_line(raw.text, line)) {
        if (stats.malformed++ == 0) stats.first_malformed_line = raw.number;
        continue;
      }
      ++parsed;
      guess.observe(line.stamp);
      if (line.missed > 0) {
        ++stats.lines_with_missed;
        stats.missed_events = std::max<std::uint64_t>(stats.missed_events, static_cast<std::uint64_t>(line.missed));
      }
      if (is_dns_detail(line)) ++stats.dns_detail;
      if (line.module == "sip") ++stats.sip_lines;
      builder.add(raw.number, line, classifier.classify(line, event) ? &event : nullptr, stats.dns_detail);
    }
  } catch (const util::InputError& error) {
    read_error = util::format_input_error(error);
  }
  stats.bytes = reader.bytes();
  stats.time_format = options.time_format == TimeFormat::automatic ? guess.result() : options.time_format;
  if (stats.lines == 0 && read_error.empty()) {
    return unusable(path, path, "the file is empty", "upload the phone's <MAC>-app.log");
  }
  if (parsed == 0) {
    if (!read_error.empty()) return unusable(path, "", read_error, "");
    if (stats.malformed == 0) {
      // Only blank lines: there is no line to point at (never "FILE:0").
      return unusable(path, path, "the file holds only blank lines", "upload the phone's <MAC>-app.log");
    }
    return unusable(path, fmt::format("{}:{}", path, stats.first_malformed_line),
                    "not an 84-Series app.log: no line has the TIME|MODULE|LEVEL|MISSED|TEXT shape",
                    "pass the phone's <MAC>-app.log");
  }
  FileReport report = builder.finish(path, stats);
  if (!read_error.empty()) {
    // The lines before the cut are diagnosed, but the file is incomplete: never
    // an OK verdict on it (sipfo-parse-log(1), LIMITS).
    report.warnings.push_back("reading stopped early: " + read_error);
    report.exit_status = util::worst(report.exit_status, util::ExitStatus::warning);
  }
  add_warnings(report, options.line_limit);
  return report;
}

FileReport parse_log_file(const std::string& path, const ParseOptions& options)
{
  try {
    auto source = open_byte_source(path, options.consumed);
    return parse_log(*source, path, options);
  } catch (const util::InputError& error) {
    FileReport report;
    report.path = path;
    report.error = util::format_input_error(error);
    report.exit_status = util::ExitStatus::unknown;
    return report;
  }
}

} // namespace sipfo::applog
