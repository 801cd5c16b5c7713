#include "sipfo/handset/finding.hpp"

#include <utility>

namespace sipfo::handset {

Finding make_finding(FindingCode code, std::string message, std::string record)
{
  const auto& kind = finding_kind(code);
  return Finding{std::string(kind.code), kind.severity, std::move(message), std::move(record)};
}

} // namespace sipfo::handset
