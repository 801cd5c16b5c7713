// libFuzzer target: the whole parse-log pass (attempt builder, chain analysis,
// diagnosis) on arbitrary input. Small limits reach the bounded-memory paths quickly.
// The fixtures in fixtures/logs make a good seed corpus.

#include "sipfo/applog/log_parser.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  using namespace sipfo::applog;
  ParseOptions options;
  options.line_limit = 4096;
  options.limits.boots = 3;
  options.limits.attempts_per_boot = 3;
  options.limits.lookups_per_attempt = 8;
  options.limits.records_per_lookup = 4;
  options.limits.explain_per_attempt = 16;
  options.limits.loose_per_boot = 4;
  options.limits.cache_entries = 4;
  // Both modes: with and without the lines of --explain (the last byte decides).
  options.explanations = size > 0 && (data[size - 1] & 1) ? Explanations::kept : Explanations::dropped;
  auto source = memory_byte_source(std::string(reinterpret_cast<const char*>(data), size));
  const FileReport report = parse_log(*source, size > 0 && data[0] == 'n' ? "x-now-app.log" : "x-app.log", options);
  if (report.boots.size() > options.limits.boots) __builtin_trap();
  for (const Boot& boot : report.boots) {
    if (boot.attempts.size() > options.limits.attempts_per_boot) __builtin_trap();
  }
  return 0;
}
