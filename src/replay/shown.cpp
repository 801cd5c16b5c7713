#include "sipfo/replay/shown.hpp"

#include <fmt/format.h>

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

} // namespace

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
    const auto length = byte < 0x80 ? 0 : utf8_length(text, at);
    // U+0080..U+009F (C2 80..C2 9F) are C1 controls: U+009B is a CSI.
    const bool c1 = length == 2 && byte == 0xc2 && static_cast<unsigned char>(text[at + 1]) <= 0x9f;
    if (length == 0 || c1) {
      out += fmt::format("\\x{:02x}", byte);
      ++at;
    } else {
      out.append(text.substr(at, length));
      at += length;
    }
  }
  if (at < text.size()) out += "...";
  return out;
}

} // namespace sipfo::replay
