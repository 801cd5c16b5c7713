#include "payload_kind.hpp"

#include <algorithm>
#include <string_view>

namespace sipfo::pcap::detail {

namespace {

constexpr std::string_view sip_version = "SIP/2.0";
// Longest start line searched for its " SIP/2.0" ending.
constexpr std::size_t max_start_line = 2048;

bool is_token_char(std::uint8_t c) noexcept
{
  // RFC 3261 25.1 token, the characters methods use in practice.
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '!' || c == '%' || c == '*' || c == '_' || c == '+' || c == '`' || c == '\'' || c == '~';
}

std::string_view view(Bytes bytes) noexcept
{
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

} // namespace

bool looks_like_sip(Bytes bytes) noexcept
{
  const std::string_view text = view(bytes);
  if (text.size() < 8 || !(text[0] >= 'A' && text[0] <= 'Z')) return false;
  if (text.substr(0, 8) == "SIP/2.0 ") return true;
  std::size_t at = 0;
  while (at < text.size() && is_token_char(static_cast<std::uint8_t>(text[at]))) ++at;
  if (at == 0 || at >= text.size() || text[at] != ' ') return false;
  const std::size_t line_end = text.substr(0, max_start_line).find('\n');
  if (line_end == std::string_view::npos) return false;
  std::string_view line = text.substr(0, line_end);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line.size() > sip_version.size() + 1 && line.substr(line.size() - sip_version.size()) == sip_version &&
         line[line.size() - sip_version.size() - 1] == ' ';
}

std::size_t find_sip_start(Bytes bytes) noexcept
{
  const std::string_view text = view(bytes);
  std::size_t at = 0;
  while (at < text.size()) {
    if (looks_like_sip(bytes.subspan(at))) return at;
    const std::size_t newline = text.find('\n', at);
    if (newline == std::string_view::npos) break;
    at = newline + 1;
  }
  return bytes.size();
}

bool looks_like_dns(Bytes bytes) noexcept
{
  if (bytes.size() < 12 + 5) return false;
  const std::uint16_t flags = be16(bytes, 2);
  const int opcode = (flags >> 11) & 0x0f;
  const bool response = (flags & 0x8000) != 0;
  if (opcode != 0 || be16(bytes, 4) != 1) return false; // standard query, one question
  if (!response && (be16(bytes, 6) != 0 || be16(bytes, 8) != 0)) return false;
  if (be16(bytes, 6) > 256 || be16(bytes, 8) > 256) return false;
  std::size_t at = 12;
  for (int labels = 0; labels <= 127; ++labels) {
    if (at >= bytes.size()) return false;
    const std::uint8_t length = bytes[at];
    if (length == 0) {
      ++at;
      return bytes.size() >= at + 4 && be16(bytes, at + 2) == 1 && labels > 0; // class IN
    }
    if (length > 63) return false;
    at += 1 + std::size_t{length};
  }
  return false;
}

} // namespace sipfo::pcap::detail
