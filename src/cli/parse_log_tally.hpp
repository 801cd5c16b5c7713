#pragma once
// The last line of parse-log over many files (a directory of a site's logs):
//   18 files: 5 registered, 2 recovered (server_timeout_failover 2), 11 failed (dns_name_missing 9, auth_rejected 2)
// Counted as each report arrives; no report is kept. The Nagios output of
// parse-log (parse_log_nagios.hpp) reads the same counts.

#include "parse_log_verdict.hpp"

#include "sipfo/applog/file_report.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

namespace sipfo::cli {

class ParseLogTally {
public:
  void add(const applog::FileReport& report);
  void add(const FileVerdict& verdict);

  std::size_t files() const noexcept { return files_; }
  std::size_t count(FileOutcome outcome) const noexcept { return counts_[static_cast<std::size_t>(outcome)]; }
  // Lines no rule could read, over every file added as a report.
  std::uint64_t malformed_lines() const noexcept { return malformed_lines_; }

  // The line, without a newline. Outcomes with no file are left out; each of
  // recovered, failed and unknown lists its root causes, most frequent first.
  std::string line() const;

private:
  static constexpr std::size_t outcome_count = 5;
  std::size_t files_ = 0;
  std::uint64_t malformed_lines_ = 0;
  std::array<std::size_t, outcome_count> counts_{};
  std::array<std::map<std::string, std::size_t>, outcome_count> causes_;
};

} // namespace sipfo::cli
