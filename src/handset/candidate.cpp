#include "sipfo/handset/candidate.hpp"

#include <fmt/format.h>

namespace sipfo::handset {

const char* origin_name(Origin origin) noexcept
{
  switch (origin) {
  case Origin::literal: return "literal";
  case Origin::srv: return "srv";
  case Origin::a: return "a";
  case Origin::static_cache: return "static";
  }
  return "a";
}

std::string endpoint_text(const Candidate& candidate)
{
  const bool v6 = candidate.address.find(':') != std::string::npos;
  return v6 ? fmt::format("[{}]:{}/{}", candidate.address, candidate.port, transport_name(candidate.transport))
            : fmt::format("{}:{}/{}", candidate.address, candidate.port, transport_name(candidate.transport));
}

} // namespace sipfo::handset
