#pragma once
// Parses many logs on several threads and hands the reports out in input order, each
// as soon as it and all before it are done (so --json-lines streams, and output never
// depends on which thread finished first).

#include "sipfo/applog/file_report.hpp"
#include "sipfo/applog/log_parser.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace sipfo::applog {

struct BatchCallbacks {
  // Called on the calling thread, in input order.
  std::function<void(std::size_t index, FileReport report)> on_report;
  // Called on the calling thread about every `tick_interval` while waiting (may be empty).
  std::function<void(std::size_t done)> on_tick;
  std::chrono::milliseconds tick_interval{200};
};

// The order files are started in: largest first, input order among equals (the
// longest jobs first keep every core busy to the end). Indices into `sizes`.
std::vector<std::size_t> largest_first(const std::vector<std::uint64_t>& sizes);

// `jobs` threads at most (0 = one per core), never more than there are paths.
void parse_logs(const std::vector<std::string>& paths, const ParseOptions& options, unsigned jobs,
                const BatchCallbacks& callbacks);

} // namespace sipfo::applog
