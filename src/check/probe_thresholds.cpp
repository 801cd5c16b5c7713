#include "sipfo/check/probe_thresholds.hpp"

#include "sipfo/sip/endpoint.hpp"
#include "sipfo/util/input_error.hpp"

#include <fmt/format.h>

namespace sipfo::check {

namespace {

std::optional<Range> range_part(std::string_view part, const char* flag, const char* metric)
{
  if (part.empty()) return std::nullopt;
  auto range = parse_range(part);
  if (!range) {
    throw util::InputError("", fmt::format("bad {} {} range '{}'", flag, metric, part),
                           "write a Monitoring Plugins range: 10, 10:, ~:10, 10:20 or @10:20");
  }
  return range;
}

// "UP[,RTT]" into its two ranges.
std::pair<std::optional<Range>, std::optional<Range>> split_thresholds(std::string_view text, const char* flag)
{
  const auto comma = text.find(',');
  const auto up = text.substr(0, comma);
  const auto rtt = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
  if (rtt.find(',') != std::string_view::npos || (comma != std::string_view::npos && up.empty() && rtt.empty())) {
    throw util::InputError("", fmt::format("bad {} '{}'", flag, text),
                           "write UP[,RTT]: servers up and round-trip ms as ranges, e.g. 2: or 2:,200 or ,200");
  }
  return {range_part(up, flag, "UP"), range_part(rtt, flag, "RTT")};
}

} // namespace

ProbeThresholds parse_probe_thresholds(std::string_view warning, std::string_view critical)
{
  ProbeThresholds thresholds;
  std::tie(thresholds.up.warning, thresholds.rtt_ms.warning) = split_thresholds(warning, "--warning");
  std::tie(thresholds.up.critical, thresholds.rtt_ms.critical) = split_thresholds(critical, "--critical");
  return thresholds;
}

util::ExitStatus threshold_status(const MetricThresholds& thresholds, double value)
{
  if (thresholds.critical && thresholds.critical->alerts(value)) return util::ExitStatus::critical;
  if (thresholds.warning && thresholds.warning->alerts(value)) return util::ExitStatus::warning;
  return util::ExitStatus::ok;
}

std::optional<double> answered_rtt_ms(const probe::CandidateReport& candidate)
{
  const auto& options = candidate.result.options;
  if (candidate.status != probe::Status::up || !options || options->origin != probe::Origin::server) {
    return std::nullopt;
  }
  return static_cast<double>(options->rtt.count());
}

std::vector<ThresholdAlert> threshold_alerts(const probe::ProbeReport& report, const ProbeThresholds& thresholds)
{
  std::vector<ThresholdAlert> alerts;
  const auto range_of = [](const MetricThresholds& metric, util::ExitStatus status) {
    return status == util::ExitStatus::critical ? fmt::format("critical range {}", metric.critical->text)
                                                : fmt::format("warning range {}", metric.warning->text);
  };
  std::size_t up = 0;
  for (const auto& candidate : report.candidates) up += candidate.status == probe::Status::up ? 1 : 0;
  if (const auto status = threshold_status(thresholds.up, double(up)); status != util::ExitStatus::ok) {
    alerts.push_back({status, fmt::format("{} up, outside the {}", up, range_of(thresholds.up, status))});
  }
  for (const auto& candidate : report.candidates) {
    const auto rtt = answered_rtt_ms(candidate);
    if (!rtt) continue;
    const auto status = threshold_status(thresholds.rtt_ms, *rtt);
    if (status == util::ExitStatus::ok) continue;
    alerts.push_back({status, fmt::format("{} answered OPTIONS in {} ms, outside the {}",
                                          sip::endpoint_text(candidate.result.target.endpoint), *rtt,
                                          range_of(thresholds.rtt_ms, status))});
  }
  return alerts;
}

} // namespace sipfo::check
