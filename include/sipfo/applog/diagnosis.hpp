#pragma once
// A root cause applied to one registration failure (or success): the rule, what it
// means in this log (names, codes), and the lines that show it.

#include "sipfo/applog/root_cause.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace sipfo::applog {

struct Diagnosis {
  RootCause cause = RootCause::log_incomplete;
  std::string message;                      // this log's story in one or two sentences
  std::vector<std::uint64_t> evidence_lines; // ascending line numbers
  std::string missing;                      // evidence the log lacks ("" when none)
};

} // namespace sipfo::applog
