// libFuzzer target: the line reader, the field splitter and the event classifier on
// arbitrary bytes. A tiny buffer and line limit exercise the cut-line paths.

#include "sipfo/applog/event_classifier.hpp"
#include "sipfo/applog/line_reader.hpp"
#include "sipfo/applog/log_line.hpp"
#include "sipfo/applog/time_format.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  using namespace sipfo::applog;
  const std::size_t buffer = 64 + (size > 0 ? data[0] % 192 : 0);
  auto source = memory_byte_source(std::string(reinterpret_cast<const char*>(data), size));
  LineReader reader(*source, buffer, buffer / 2);
  TimeFormatGuess guess;
  RawLine raw;
  std::uint64_t previous = 0;
  while (reader.next(raw)) {
    if (raw.number != previous + 1 || raw.text.size() > buffer) __builtin_trap();
    previous = raw.number;
    if (auto line = parse_log_line(raw.text)) {
      guess.observe(line->stamp);
      (void)format_stamp(line->stamp, TimeFormat::second);
      (void)classify_line(*line);
    }
  }
  (void)guess.result();
  return 0;
}
