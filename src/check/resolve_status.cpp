#include "sipfo/check/resolve_status.hpp"

namespace sipfo::check {

util::ExitStatus resolve_status(const handset::Resolution& resolution) noexcept
{
  if (resolution.candidates.empty()) return util::ExitStatus::critical;
  for (const auto& finding : resolution.findings) {
    if (finding.severity != handset::Severity::info) return util::ExitStatus::warning;
  }
  return util::ExitStatus::ok;
}

} // namespace sipfo::check
