#include "sipfo/handset/resolution.hpp"

namespace sipfo::handset {

util::ExitStatus resolution_status(const Resolution& resolution) noexcept
{
  if (resolution.candidates.empty()) return util::ExitStatus::critical;
  for (const auto& finding : resolution.findings) {
    if (finding.severity != Severity::info) return util::ExitStatus::warning;
  }
  return util::ExitStatus::ok;
}

} // namespace sipfo::handset
