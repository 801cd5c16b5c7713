#pragma once
// What the handset tests read off a resolution: the candidates as endpoints or
// as a PIVOT status screen, and whether a finding was raised. One copy for the
// profile unit tests and the conformance tests.

#include "sipfo/handset/candidate.hpp"
#include "sipfo/handset/resolution.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace sipfo::test {

// "10.0.0.1:5060/udp" per candidate, in try order.
inline std::vector<std::string> endpoints(const handset::Resolution& r)
{
  std::vector<std::string> out;
  for (const auto& c : r.candidates) out.push_back(handset::endpoint_text(c));
  return out;
}

// "P1:2 10.0.0.2:5060/udp" per candidate, as a PIVOT's SIP status screen shows it.
inline std::vector<std::string> screen(const handset::Resolution& r)
{
  std::vector<std::string> out;
  for (const auto& c : r.candidates) {
    out.push_back("P" + std::to_string(c.rank) + ":" + std::to_string(c.priority) + " " + handset::endpoint_text(c));
  }
  return out;
}

inline bool has_finding(const handset::Resolution& r, std::string_view code)
{
  return std::any_of(r.findings.begin(), r.findings.end(), [&](const auto& f) { return f.code == code; });
}

} // namespace sipfo::test
