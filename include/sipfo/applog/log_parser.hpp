#pragma once
// One streaming pass over one log: read lines, split fields, recognise events, build
// boots and attempts, diagnose. Memory stays bounded whatever the input (a fixed read
// buffer, bounded models: see LineReader and BuilderLimits).

#include "sipfo/applog/attempt_builder.hpp"
#include "sipfo/applog/byte_source.hpp"
#include "sipfo/applog/file_report.hpp"
#include "sipfo/applog/time_format.hpp"

#include <atomic>
#include <cstdint>
#include <string>

namespace sipfo::applog {

struct ParseOptions {
  TimeFormat time_format = TimeFormat::automatic; // --time-format; automatic = guess per file
  BuilderLimits limits;
  Explanations explanations = Explanations::dropped; // kept for --explain only
  std::size_t line_limit = 64 * 1024;              // longer lines are cut (and counted)
  std::atomic<std::uint64_t>* consumed = nullptr;  // raw bytes read, for a progress indicator
};

// Whether `path` names a -now-app.log snapshot (CS-14-17: the last ~300 lines only).
bool is_snapshot_name(std::string_view path) noexcept;

// Parses `source`; `path` is used for the report and messages. A file with no
// well-formed line at all is unusable: the report's `error` says so (FILE:LINE form).
FileReport parse_log(ByteSource& source, const std::string& path, const ParseOptions& options);

// Opens `path` ("-" = stdin; gzip detected) and parses it. Never throws for bad
// input: an unreadable file gives a report with `error` set.
FileReport parse_log_file(const std::string& path, const ParseOptions& options);

} // namespace sipfo::applog
