#include "sipfo/applog/line_reader.hpp"

#include <algorithm>
#include <cstring>

namespace sipfo::applog {

namespace {

std::string_view without_cr(std::string_view text) noexcept
{
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  return text;
}

} // namespace

LineReader::LineReader(ByteSource& source, std::size_t buffer_size, std::size_t line_limit)
  : source_(source), buffer_(std::max<std::size_t>(buffer_size, 64)),
    line_limit_(std::clamp<std::size_t>(line_limit, 1, buffer_.size()))
{
}

// Moves the unread bytes to the front and reads more; false when nothing was added.
bool LineReader::fill()
{
  if (eof_) return false;
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ == buffer_.size()) return false;
  const std::size_t got = source_.read(buffer_.data() + end_, buffer_.size() - end_);
  if (got == 0) {
    eof_ = true;
    return false;
  }
  end_ += got;
  return true;
}

// Drops bytes up to and including the next newline (or the end of the input).
void LineReader::skip_rest_of_line()
{
  for (;;) {
    const char* start = buffer_.data() + begin_;
    const void* newline = std::memchr(start, '\n', end_ - begin_);
    if (newline != nullptr) {
      const std::size_t used = static_cast<std::size_t>(static_cast<const char*>(newline) - start) + 1;
      bytes_ += used;
      begin_ += used;
      return;
    }
    bytes_ += end_ - begin_;
    begin_ = end_ = 0;
    if (!fill()) return;
  }
}

bool LineReader::next(RawLine& line)
{
  if (skip_pending_) {
    skip_pending_ = false;
    skip_rest_of_line();
  }
  std::size_t searched = 0; // bytes after begin_ known to hold no newline
  for (;;) {
    const char* start = buffer_.data() + begin_;
    const std::size_t available = end_ - begin_;
    const void* newline = std::memchr(start + searched, '\n', available - searched);
    if (newline != nullptr) {
      const std::size_t length = static_cast<std::size_t>(static_cast<const char*>(newline) - start);
      line.number = ++number_;
      line.unterminated = false;
      line.cut = length > line_limit_;
      line.text = without_cr(std::string_view(start, std::min(length, line_limit_)));
      bytes_ += length + 1;
      begin_ += length + 1;
      return true;
    }
    searched = available;
    if (available == buffer_.size()) {
      // A line longer than the buffer: hand out its start now and skip the rest on
      // the next call (the view stays valid until then).
      line.number = ++number_;
      line.unterminated = false;
      line.cut = true;
      line.text = std::string_view(start, line_limit_);
      skip_pending_ = true;
      return true;
    }
    if (!fill()) {
      if (end_ == begin_) return false;
      const std::size_t length = end_ - begin_;
      line.number = ++number_;
      line.unterminated = true;
      line.cut = length > line_limit_;
      line.text = without_cr(std::string_view(buffer_.data() + begin_, std::min(length, line_limit_)));
      bytes_ += length;
      begin_ = end_;
      return true;
    }
  }
}

} // namespace sipfo::applog
