#include "zone_presentation.hpp"

#include <fmt/format.h>

#include <string_view>

namespace sipfo::dns {

namespace {

bool is_digit(char c)
{
  return c >= '0' && c <= '9';
}

std::string decimal_escape(unsigned char octet)
{
  return fmt::format("\\{:03d}", static_cast<unsigned>(octet));
}

} // namespace

std::string escape_label(std::string_view octets)
{
  constexpr std::string_view special = ".\\\";()@$";
  std::string out;
  out.reserve(octets.size());
  for (char c : octets) {
    const auto octet = static_cast<unsigned char>(c);
    if (octet <= 0x20 || octet >= 0x7f) {
      out += decimal_escape(octet);
    } else if (special.find(c) != std::string_view::npos) {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  return out;
}

std::string quote_character_string(std::string_view octets)
{
  std::string out = "\"";
  for (char c : octets) {
    const auto octet = static_cast<unsigned char>(c);
    if (octet < 0x20 || octet >= 0x7f) {
      out += decimal_escape(octet);
    } else if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

std::optional<std::size_t> read_escape(std::string_view text, std::size_t at, std::string& out)
{
  if (at + 1 >= text.size()) return std::nullopt;
  if (!is_digit(text[at + 1])) {
    out += text[at + 1];
    return at + 1;
  }
  if (at + 3 >= text.size() || !is_digit(text[at + 2]) || !is_digit(text[at + 3])) return std::nullopt;
  const int value = (text[at + 1] - '0') * 100 + (text[at + 2] - '0') * 10 + (text[at + 3] - '0');
  if (value > 255) return std::nullopt;
  out += static_cast<char>(value);
  return at + 3;
}

std::optional<std::string> unescape(std::string_view text)
{
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\') {
      out += text[i];
      continue;
    }
    const auto last = read_escape(text, i, out);
    if (!last) return std::nullopt;
    i = *last;
  }
  return out;
}

std::string text_for_message(std::string_view text)
{
  constexpr std::size_t limit = 60;
  std::string out;
  for (char c : text) {
    if (out.size() >= limit) {
      out += "...";
      break;
    }
    const auto octet = static_cast<unsigned char>(c);
    if (octet < 0x20 || octet >= 0x7f) {
      out += decimal_escape(octet);
    } else {
      out += c;
    }
  }
  return out;
}

} // namespace sipfo::dns
