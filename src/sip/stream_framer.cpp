#include "sipfo/sip/stream_framer.hpp"

#include "sipfo/sip/response_parser.hpp"
#include "sipfo/util/suggest.hpp"

#include "text.hpp"

#include <fmt/format.h>

#include <charconv>

namespace sipfo::sip {

namespace {

// End of the header section: index just past the empty line, or npos.
std::size_t header_end(std::string_view text) noexcept
{
  std::size_t crlf = text.find("\r\n\r\n");
  std::size_t lf = text.find("\n\n");
  if (crlf == std::string_view::npos && lf == std::string_view::npos) return std::string_view::npos;
  if (lf == std::string_view::npos || (crlf != std::string_view::npos && crlf < lf)) return crlf + 4;
  return lf + 2;
}

// Content-Length (or "l") from a header section; nullopt when absent or bad.
std::optional<std::size_t> content_length(std::string_view headers)
{
  std::size_t start = 0;
  while (start < headers.size()) {
    std::size_t end = headers.find('\n', start);
    if (end == std::string_view::npos) end = headers.size();
    std::string_view line = headers.substr(start, end - start);
    start = end + 1;
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view name = detail::trim(line.substr(0, colon));
    if (!util::iequals(name, "content-length") && !util::iequals(name, "l")) continue;
    std::string_view value = detail::trim(line.substr(colon + 1));
    if (!value.empty() && value.back() == '\r') value = detail::trim(value.substr(0, value.size() - 1));
    std::size_t bytes = 0;
    auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), bytes);
    if (ec != std::errc{} || ptr != value.data() + value.size() || value.empty()) return std::nullopt;
    return bytes;
  }
  return std::nullopt;
}

} // namespace

void StreamFramer::feed(std::string_view bytes)
{
  if (error_) return;
  buffer_.append(bytes);
  while (!error_ && cut_one()) {
  }
}

std::vector<std::string> StreamFramer::take()
{
  std::vector<std::string> out;
  out.swap(ready_);
  return out;
}

bool StreamFramer::cut_one()
{
  // CRLF keep-alives between messages (RFC 5626 4.4.1) are skipped.
  std::size_t skip = buffer_.find_first_not_of("\r\n");
  if (skip == std::string::npos) {
    buffer_.clear();
    return false;
  }
  buffer_.erase(0, skip);
  std::size_t end = header_end(buffer_);
  if (end == std::string::npos) {
    if (buffer_.size() > max_message_bytes) error_ = fmt::format("no end of headers within {} bytes", max_message_bytes);
    return false;
  }
  auto length = content_length(std::string_view(buffer_).substr(0, end));
  if (!length) {
    error_ = "message on a stream without a valid Content-Length (RFC 3261 18.3)";
    return false;
  }
  if (*length > max_message_bytes - std::min(end, max_message_bytes)) {
    error_ = fmt::format("message larger than {} bytes", max_message_bytes);
    return false;
  }
  if (buffer_.size() < end + *length) return false;
  ready_.push_back(buffer_.substr(0, end + *length));
  buffer_.erase(0, end + *length);
  return true;
}

} // namespace sipfo::sip
