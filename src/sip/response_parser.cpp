#include "sipfo/sip/response_parser.hpp"

#include "text.hpp"

#include <fmt/format.h>

#include <charconv>

namespace sipfo::sip {

namespace {

// One line without its terminator, and the rest after it. A line without a
// terminator at the end of the input is returned as is.
std::pair<std::string_view, std::string_view> next_line(std::string_view text) noexcept
{
  std::size_t lf = text.find('\n');
  if (lf == std::string_view::npos) return {text, {}};
  std::string_view line = text.substr(0, lf);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return {line, text.substr(lf + 1)};
}

bool is_token_char(char c) noexcept
{
  // RFC 3261 25.1 token.
  static constexpr std::string_view marks = "-.!%*_+`'~";
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         marks.find(c) != std::string_view::npos;
}

bool is_token(std::string_view text) noexcept
{
  if (text.empty()) return false;
  for (char c : text) {
    if (!is_token_char(c)) return false;
  }
  return true;
}

// "SIP/2.0 200 OK" -> code and reason.
bool parse_status_line(std::string_view line, Response& response, std::string& error)
{
  constexpr std::string_view version = "SIP/2.0 ";
  if (line.size() < version.size() + 3 || line.substr(0, version.size()) != version) {
    error = "not a SIP/2.0 status line";
    return false;
  }
  std::string_view code = line.substr(version.size(), 3);
  auto [end, ec] = std::from_chars(code.data(), code.data() + 3, response.code);
  if (ec != std::errc{} || end != code.data() + 3 || response.code < 100 || response.code > 699) {
    error = "status code is not 100-699";
    return false;
  }
  std::string_view rest = line.substr(version.size() + 3);
  if (!rest.empty() && rest.front() != ' ') {
    error = "status code is not 100-699";
    return false;
  }
  response.reason = std::string(detail::trim(rest));
  return true;
}

bool add_header_line(std::string_view line, Response& response, std::string& error)
{
  if (line.front() == ' ' || line.front() == '\t') { // folded continuation (7.3.1)
    if (response.headers.empty()) {
      error = "continuation line before any header";
      return false;
    }
    std::string& value = response.headers.back().value;
    std::string_view more = detail::trim(line);
    if (!more.empty()) value += (value.empty() ? "" : " ") + std::string(more);
    return true;
  }
  std::size_t colon = line.find(':');
  std::string_view name = colon == std::string_view::npos ? line : detail::trim(line.substr(0, colon));
  if (colon == std::string_view::npos || !is_token(name)) {
    error = "malformed header line";
    return false;
  }
  if (response.headers.size() >= max_header_count) {
    error = fmt::format("more than {} header lines", max_header_count);
    return false;
  }
  response.headers.push_back({canonical_header_name(name), std::string(detail::trim(line.substr(colon + 1)))});
  return true;
}

bool take_body(std::string_view rest, Response& response, std::string& error)
{
  auto length = response.header("content-length");
  if (!length) {
    response.body = std::string(rest);
    return true;
  }
  std::string_view text = detail::trim(*length);
  std::size_t bytes = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), bytes);
  if (ec != std::errc{} || end != text.data() + text.size() || text.empty()) {
    error = "malformed Content-Length";
    return false;
  }
  if (bytes > rest.size()) {
    error = fmt::format("Content-Length {} but only {} body bytes", bytes, rest.size());
    return false;
  }
  response.body = std::string(rest.substr(0, bytes));
  return true;
}

} // namespace

ResponseParse parse_response(std::string_view message)
{
  ResponseParse result;
  if (message.size() > max_message_bytes) {
    result.error = fmt::format("message larger than {} bytes", max_message_bytes);
    return result;
  }
  auto [line, rest] = next_line(message);
  while (line.empty() && !rest.empty()) std::tie(line, rest) = next_line(rest);
  Response response;
  if (!parse_status_line(line, response, result.error)) return result;
  // Headers up to the empty line; a message that ends without one (lenient,
  // seen from broken UDP stacks) simply has no body.
  while (!rest.empty()) {
    std::tie(line, rest) = next_line(rest);
    if (line.empty()) break;
    if (!add_header_line(line, response, result.error)) return result;
  }
  if (!take_body(rest, response, result.error)) return result;
  result.response = std::move(response);
  return result;
}

} // namespace sipfo::sip
