#include "sipfo/util/printable.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace sipfo::util {

namespace {

// The length of the valid UTF-8 sequence at text[at] and its code point, or 0
// when the bytes there are not one (RFC 3629 section 4, the well-formed table).
struct Sequence {
  std::size_t length = 0;
  char32_t code_point = 0;
};

Sequence sequence_at(std::string_view text, std::size_t at) noexcept
{
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[at + k]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return {1, lead};
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xbf;
  char32_t value = 0;
  if (lead >= 0xc2 && lead <= 0xdf) {
    length = 2;
    value = lead & 0x1fu;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    value = lead & 0x0fu;
    if (lead == 0xe0) low = 0xa0;  // overlong
    if (lead == 0xed) high = 0x9f; // surrogates
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    value = lead & 0x07u;
    if (lead == 0xf0) low = 0x90;  // overlong
    if (lead == 0xf4) high = 0x8f; // beyond U+10FFFF
  } else {
    return {};
  }
  if (at + length > text.size()) return {};
  for (std::size_t k = 1; k < length; ++k) {
    const unsigned char next = byte(k);
    const unsigned char lo = k == 1 ? low : 0x80;
    const unsigned char hi = k == 1 ? high : 0xbf;
    if (next < lo || next > hi) return {};
    value = (value << 6) | (next & 0x3fu);
  }
  return {length, value};
}

// C1 controls (ECMA-48 5.3) and the bidi embedding/override/isolate controls
// (Unicode UAX #9 2.1-2.2): invisible, and they change what the rest shows.
bool hidden_control(char32_t code_point) noexcept
{
  return (code_point >= 0x80 && code_point <= 0x9f) || (code_point >= 0x202a && code_point <= 0x202e) ||
         (code_point >= 0x2066 && code_point <= 0x2069);
}

void append_ascii(std::string& out, unsigned char byte)
{
  switch (byte) {
  case '\t': out += "\\t"; return;
  case '\n': out += "\\n"; return;
  case '\r': out += "\\r"; return;
  }
  if (byte < 0x20 || byte == 0x7f) {
    out += fmt::format("\\x{:02x}", byte);
    return;
  }
  out += static_cast<char>(byte);
}

// The escaped text of input[0, end) where `end` stops before a cut sequence.
std::string escape(std::string_view text, std::size_t max_bytes, bool& cut)
{
  std::string out;
  out.reserve(std::min(text.size(), max_bytes) + 8);
  std::size_t at = 0;
  cut = false;
  while (at < text.size()) {
    const Sequence sequence = sequence_at(text, at);
    const std::size_t length = sequence.length == 0 ? 1 : sequence.length;
    if (at + length > max_bytes) {
      cut = true;
      break;
    }
    if (sequence.length == 0) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(text[at]));
    } else if (sequence.length == 1) {
      append_ascii(out, static_cast<unsigned char>(text[at]));
    } else if (hidden_control(sequence.code_point)) {
      out += fmt::format("\\u{{{:04x}}}", static_cast<unsigned int>(sequence.code_point));
    } else {
      out.append(text.substr(at, length));
    }
    at += length;
  }
  return out;
}

} // namespace

std::string printable(std::string_view text)
{
  bool cut = false;
  return escape(text, text.size(), cut);
}

std::string printable(std::string_view text, std::size_t max_bytes)
{
  bool cut = false;
  std::string out = escape(text, max_bytes, cut);
  if (cut) out += "...";
  return out;
}

bool is_valid_utf8(std::string_view text) noexcept
{
  for (std::size_t at = 0; at < text.size();) {
    const Sequence sequence = sequence_at(text, at);
    if (sequence.length == 0) return false;
    at += sequence.length;
  }
  return true;
}

} // namespace sipfo::util
