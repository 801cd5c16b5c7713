#pragma once
// Splits a ByteSource into lines in one streaming pass over a fixed buffer, whatever
// the input: LF or CRLF endings, NUL bytes, invalid UTF-8 (bytes are passed through),
// a last line without a newline, and lines longer than the buffer (100 MB on one line
// costs no more memory than a short one: the line is cut and the rest skipped).

#include "sipfo/applog/byte_source.hpp"

#include <cstdint>
#include <string_view>
#include <vector>

namespace sipfo::applog {

struct RawLine {
  std::string_view text;     // without the line ending; valid until the next call
  std::uint64_t number = 0;  // 1-based physical line number
  bool cut = false;          // longer than the reader's line limit; `text` is its start
  bool unterminated = false; // the last line of the input, without a newline
};

class LineReader {
public:
  // Bytes held at most: four times the line limit, so a read brings many lines; small,
  // because each file parsed at once (-j) has one.
  static constexpr std::size_t default_buffer = 256 * 1024;
  static constexpr std::size_t default_line_limit = 64 * 1024; // longer lines are cut

  explicit LineReader(ByteSource& source, std::size_t buffer_size = default_buffer,
                      std::size_t line_limit = default_line_limit);

  // The next line; false at the end of the input. Throws what the source throws.
  bool next(RawLine& line);

  // Bytes handed out so far (line endings included).
  std::uint64_t bytes() const noexcept { return bytes_; }

private:
  bool fill();
  void skip_rest_of_line();

  ByteSource& source_;
  std::vector<char> buffer_;
  std::size_t line_limit_;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  bool eof_ = false;
  bool skip_pending_ = false; // the last line was cut: drop the rest of it first
  std::uint64_t number_ = 0;
  std::uint64_t bytes_ = 0;
};

} // namespace sipfo::applog
