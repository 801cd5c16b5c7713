#include "sipfo/sip/message_parser.hpp"

#include "text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <span>

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

constexpr std::string_view sip_version = "SIP/2.0";

// "SIP/2.0 200 OK" -> code and reason.
bool parse_status_line(std::string_view line, Response& response, std::string& error)
{
  const std::string version = std::string(sip_version) + " ";
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

// What read_fields keeps: every header and the body (probe, the full path), or
// only the headers a caller names and no body (the capture story's light path,
// run for every message of a capture). Both check the same things.
struct FieldFilter {
  std::span<const std::string_view> keep; // canonical names; empty with all = true
  bool all = true;
  std::size_t lines = 0;  // header lines read, kept or not
  bool last_kept = true;  // whether a continuation line belongs to a kept header

  bool wanted(std::string_view name) const noexcept
  {
    if (all || name == "content-length") return true;
    return std::find(keep.begin(), keep.end(), name) != keep.end();
  }
};

bool add_header_line(std::string_view line, MessageFields& response, FieldFilter& filter, std::string& error)
{
  if (line.front() == ' ' || line.front() == '\t') { // folded continuation (7.3.1)
    if (filter.lines == 0) {
      error = "continuation line before any header";
      return false;
    }
    if (!filter.last_kept) return true;
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
  if (filter.lines >= max_header_count) {
    error = fmt::format("more than {} header lines", max_header_count);
    return false;
  }
  ++filter.lines;
  std::string canonical = canonical_header_name(name);
  filter.last_kept = filter.wanted(canonical);
  if (filter.last_kept) response.headers.push_back({std::move(canonical), std::string(detail::trim(line.substr(colon + 1)))});
  return true;
}

bool take_body(std::string_view rest, MessageFields& response, const FieldFilter& filter, std::string& error)
{
  auto length = response.header("content-length");
  if (!length) {
    if (filter.all) response.body = std::string(rest);
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
  if (filter.all) response.body = std::string(rest.substr(0, bytes));
  return true;
}

// "REGISTER sip:example.com SIP/2.0" -> method and Request-URI (RFC 3261 7.1:
// single spaces, a token method, a URI without spaces).
bool parse_request_line(std::string_view line, ReceivedRequest& request, std::string& error)
{
  std::size_t first = line.find(' ');
  std::size_t last = line.rfind(' ');
  if (first == std::string_view::npos || first == last || line.substr(last + 1) != sip_version) {
    error = "not a SIP/2.0 request line";
    return false;
  }
  std::string_view method = line.substr(0, first);
  std::string_view uri = line.substr(first + 1, last - first - 1);
  if (!is_token(method)) {
    error = "the request's method is not a token";
    return false;
  }
  if (uri.empty() || uri.find_first_of(" \t") != std::string_view::npos) {
    error = "malformed Request-URI";
    return false;
  }
  request.method = std::string(method);
  request.request_uri = std::string(uri);
  return true;
}

// Headers up to the empty line, then the body: the same for requests and
// responses. A message that ends without the empty line (lenient, seen from
// broken UDP stacks) simply has no body.
bool read_fields(std::string_view rest, MessageFields& fields, FieldFilter& filter, std::string& error)
{
  fields.headers.reserve(filter.all ? 16 : filter.keep.size() + 1); // a typical REGISTER or its response: no regrowth
  while (!rest.empty()) {
    std::string_view line;
    std::tie(line, rest) = next_line(rest);
    if (line.empty()) break;
    if (!add_header_line(line, fields, filter, error)) return false;
  }
  return take_body(rest, fields, filter, error);
}

// The start line (leading empty lines skipped, RFC 3261 7.5) and what follows it.
std::pair<std::string_view, std::string_view> start_line(std::string_view message) noexcept
{
  auto [line, rest] = next_line(message);
  while (line.empty() && !rest.empty()) std::tie(line, rest) = next_line(rest);
  return {line, rest};
}

std::string too_large()
{
  return fmt::format("message larger than {} bytes", max_message_bytes);
}

ResponseParse response_with(std::string_view message, FieldFilter filter)
{
  ResponseParse result;
  if (message.size() > max_message_bytes) {
    result.error = too_large();
    return result;
  }
  auto [line, rest] = start_line(message);
  Response response;
  if (!parse_status_line(line, response, result.error)) return result;
  if (!read_fields(rest, response, filter, result.error)) return result;
  result.response = std::move(response);
  return result;
}

RequestParse request_with(std::string_view message, FieldFilter filter)
{
  RequestParse result;
  if (message.size() > max_message_bytes) {
    result.error = too_large();
    return result;
  }
  auto [line, rest] = start_line(message);
  ReceivedRequest request;
  if (!parse_request_line(line, request, result.error)) return result;
  if (!read_fields(rest, request, filter, result.error)) return result;
  result.request = std::move(request);
  return result;
}

MessageParse message_with(std::string_view message, FieldFilter filter)
{
  MessageParse result;
  auto [line, rest] = start_line(message);
  (void)rest;
  if (line.substr(0, sip_version.size()) == sip_version) {
    auto parsed = response_with(message, filter);
    result.response = std::move(parsed.response);
    result.error = std::move(parsed.error);
  } else {
    auto parsed = request_with(message, filter);
    result.request = std::move(parsed.request);
    result.error = std::move(parsed.error);
  }
  return result;
}

} // namespace

ResponseParse parse_response(std::string_view message) { return response_with(message, FieldFilter{}); }

RequestParse parse_request(std::string_view message) { return request_with(message, FieldFilter{}); }

MessageParse parse_message(std::string_view message) { return message_with(message, FieldFilter{}); }

MessageParse parse_message_headers(std::string_view message, std::span<const std::string_view> keep)
{
  return message_with(message, FieldFilter{.keep = keep, .all = false});
}

} // namespace sipfo::sip
