#include "sipfo/applog/line_reader.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

using namespace sipfo::applog;

namespace {

struct Line {
  std::string text;
  std::uint64_t number;
  bool cut;
  bool unterminated;
};

std::vector<Line> read_all(ByteSource& source, std::size_t buffer = 1 << 16, std::size_t limit = 1 << 12)
{
  LineReader reader(source, buffer, limit);
  std::vector<Line> lines;
  RawLine raw;
  while (reader.next(raw)) lines.push_back({std::string(raw.text), raw.number, raw.cut, raw.unterminated});
  return lines;
}

// `size` bytes of 'x' then "\nend\n", produced on the fly (never held in memory).
class LongLineSource final : public ByteSource {
public:
  explicit LongLineSource(std::size_t size) : size_(size) {}
  std::size_t read(char* buffer, std::size_t size) override
  {
    const std::string tail = "\nend\n";
    std::size_t n = 0;
    while (n < size && produced_ < size_ + tail.size()) {
      buffer[n++] = produced_ < size_ ? 'x' : tail[produced_ - size_];
      ++produced_;
    }
    return n;
  }
  bool compressed() const noexcept override { return false; }

private:
  std::size_t size_;
  std::size_t produced_ = 0;
};

} // namespace

TEST_CASE("applog::LineReader: LF and CRLF endings, blank lines, numbering")
{
  auto source = memory_byte_source("a\r\nb\n\nc\n");
  const auto lines = read_all(*source);
  REQUIRE(lines.size() == 4);
  CHECK(lines[0].text == "a");
  CHECK(lines[1].text == "b");
  CHECK(lines[2].text.empty());
  CHECK(lines[3].text == "c");
  CHECK(lines[3].number == 4);
  CHECK_FALSE(lines[3].unterminated);
}

TEST_CASE("applog::LineReader: a last line without newline is kept and flagged")
{
  auto source = memory_byte_source("one\ntwo");
  const auto lines = read_all(*source);
  REQUIRE(lines.size() == 2);
  CHECK(lines[1].text == "two");
  CHECK(lines[1].unterminated);
}

TEST_CASE("applog::LineReader: NUL bytes and invalid UTF-8 pass through")
{
  const std::string bytes("a\0b\xff\xfe\n", 6);
  auto source = memory_byte_source(bytes);
  const auto lines = read_all(*source);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].text == std::string("a\0b\xff\xfe", 5));
}

TEST_CASE("applog::LineReader: a line longer than the buffer is cut, the next line survives")
{
  LongLineSource source(1'000'000); // 1 MB line through a 64 KiB buffer
  const auto lines = read_all(source, 1 << 16, 1 << 12);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].cut);
  CHECK(lines[0].text.size() == (1u << 12));
  CHECK(lines[1].text == "end");
  CHECK(lines[1].number == 2);
}

TEST_CASE("applog::LineReader: a line longer than the limit but inside the buffer is cut")
{
  auto source = memory_byte_source(std::string(5000, 'y') + "\nz\n");
  const auto lines = read_all(*source, 1 << 16, 100);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].cut);
  CHECK(lines[0].text.size() == 100);
  CHECK(lines[1].text == "z");
}

TEST_CASE("applog::LineReader: lines across many small reads")
{
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "line " + std::to_string(i) + "\n";
  auto source = memory_byte_source(text);
  const auto lines = read_all(*source, 64, 64);
  REQUIRE(lines.size() == 1000);
  CHECK(lines[999].text == "line 999");
}
