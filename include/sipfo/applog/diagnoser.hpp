#pragma once
// Applies the root-cause rules (root_cause.hpp) to attempts, boots and files
// (applog-format.md §7). Says what is missing instead of guessing.

#include "sipfo/applog/boot.hpp"
#include "sipfo/applog/file_report.hpp"

#include <cstdint>

namespace sipfo::applog {

// What the diagnosis of one attempt may use besides the attempt itself.
struct DiagnosisContext {
  bool snapshot = false;               // the file is a -now-app.log
  std::uint64_t dns_detail_so_far = 0; // dns lines of level 1-3 seen in the file so far
  const Diagnosis* previous_failure = nullptr; // the boot's previous failure, if any
};

// Diagnosis of an attempt whose chain and outcome are decided (resolve_chain,
// decide_attempt_outcome). Nullopt when the attempt has neither a failure nor a
// success (nothing to explain).
std::optional<Diagnosis> diagnose_attempt(const Attempt& attempt, const DiagnosisContext& context);

// Sets the boot's outcome and diagnosis from its attempts.
void close_boot(Boot& boot, const LogStats& stats);

// Sets the file's verdict (outcome, diagnosis, candidates, active, exit status) from
// its last boot.
void decide_verdict(FileReport& report);

} // namespace sipfo::applog
