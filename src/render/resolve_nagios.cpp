#include "sipfo/render/resolve_report.hpp"

#include "sipfo/render/nagios.hpp"

#include <fmt/format.h>

namespace sipfo::render {

namespace {

std::size_t count(const handset::Resolution& resolution, handset::Severity severity)
{
  std::size_t n = 0;
  for (const auto& f : resolution.findings) n += f.severity == severity ? 1 : 0;
  return n;
}

// "2 candidates for eslab.local (spectralink-84), preferred 10.0.0.1:5060/udp;
// warning: single_server": the gist, and the codes of what is wrong.
std::string summary(const ResolveReport& report)
{
  const auto& resolution = report.resolution;
  const auto n = resolution.candidates.size();
  std::string out = fmt::format("{} candidate{} for {} ({})", n, n == 1 ? "" : "s", report.spec, report.profile);
  const auto* preferred = handset::preferred_candidate(resolution);
  out += preferred ? ", preferred " + handset::endpoint_text(*preferred) : ", no server to register to";
  std::vector<std::string> codes;
  for (const auto& f : resolution.findings) {
    if (f.severity != handset::Severity::info) codes.push_back(fmt::format("{} {}", handset::severity_name(f.severity), f.code));
  }
  if (!codes.empty()) out += fmt::format("; {}", fmt::join(codes, ", "));
  return out;
}

std::string candidate_line(const handset::Resolution& resolution, const handset::Candidate& c)
{
  const bool pivot = resolution.rank_style == handset::RankStyle::serverspec;
  return fmt::format("{}{}:{} {} from {} ({}{})", pivot ? "P" : "", c.rank, c.priority, handset::endpoint_text(c),
                     c.target, handset::origin_name(c.origin), c.origin == handset::Origin::srv ? fmt::format(", weight {}", c.weight) : "");
}

} // namespace

std::string resolve_nagios(const ResolveReport& report)
{
  const auto& resolution = report.resolution;
  const std::vector<nagios::Perfdata> perfdata{
    {"candidates", double(resolution.candidates.size()), "", "", "1:", 0.0, std::nullopt},
    {"queries", double(resolution.queries.size()), "", "", "", 0.0, std::nullopt},
    {"errors", double(count(resolution, handset::Severity::error)), "", "", "", 0.0, std::nullopt},
    {"warnings", double(count(resolution, handset::Severity::warning)), "", "", "", 0.0, std::nullopt},
  };
  std::vector<std::string> lines;
  for (const auto& c : resolution.candidates) lines.push_back(candidate_line(resolution, c));
  for (const auto& f : resolution.findings) {
    lines.push_back(fmt::format("{} {}: {}", handset::severity_name(f.severity), f.code, f.message));
  }
  return nagios::plugin_output("SIP DNS", report.exit_status, summary(report), perfdata, lines);
}

} // namespace sipfo::render
