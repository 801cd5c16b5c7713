#include "sipfo/replay/shown.hpp"

#include <fmt/format.h>

#include <cstdint>

namespace sipfo::replay {

namespace {

// Length of the well-formed UTF-8 sequence at `at` (RFC 3629 section 4), or 0.
std::size_t utf8_length(std::string_view text, std::size_t at)
{
  const auto lead = static_cast<unsigned char>(text[at]);
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xbf; // allowed range of the second byte
  if (lead >= 0xc2 && lead <= 0xdf) length = 2;
  else if (lead == 0xe0) length = 3, low = 0xa0;
  else if (lead == 0xed) length = 3, high = 0x9f; // no surrogates
  else if (lead >= 0xe1 && lead <= 0xef) length = 3;
  else if (lead == 0xf0) length = 4, low = 0x90;
  else if (lead >= 0xf1 && lead <= 0xf3) length = 4;
  else if (lead == 0xf4) length = 4, high = 0x8f;
  else return 0;
  if (at + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    const auto byte = static_cast<unsigned char>(text[at + k]);
    if (byte < (k == 1 ? low : 0x80) || byte > (k == 1 ? high : 0xbf)) return 0;
  }
  return length;
}

std::uint32_t code_point(std::string_view sequence)
{
  static constexpr unsigned char lead_mask[] = {0, 0, 0x1f, 0x0f, 0x07};
  std::uint32_t code = static_cast<unsigned char>(sequence[0]) & lead_mask[sequence.size()];
  for (std::size_t k = 1; k < sequence.size(); ++k) code = (code << 6) | (static_cast<unsigned char>(sequence[k]) & 0x3f);
  return code;
}

} // namespace

// Same escapes as util::printable (issue 16's project-wide function), so that
// swapping one for the other changes nothing a user sees.
std::string shown(std::string_view text, std::size_t limit)
{
  std::string out;
  std::size_t at = 0;
  while (at < text.size() && at < limit) {
    const auto byte = static_cast<unsigned char>(text[at]);
    if (byte >= 0x20 && byte < 0x7f) {
      out += text[at++];
      continue;
    }
    if (byte == '\t' || byte == '\n' || byte == '\r') {
      out += byte == '\t' ? "\\t" : byte == '\n' ? "\\n" : "\\r";
      ++at;
      continue;
    }
    const auto length = byte < 0x80 ? 0 : utf8_length(text, at);
    if (length == 0) {
      out += fmt::format("\\x{:02x}", byte);
      ++at;
      continue;
    }
    const auto code = code_point(text.substr(at, length));
    // C1 controls (U+009B is a CSI) and the bidirectional overrides and isolates,
    // which reorder the rest of the line (CVE-2021-42574).
    if ((code >= 0x80 && code <= 0x9f) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) {
      out += fmt::format("\\u{{{:04x}}}", code);
    } else {
      out.append(text.substr(at, length));
    }
    at += length;
  }
  if (at < text.size()) out += "...";
  return out;
}

} // namespace sipfo::replay
