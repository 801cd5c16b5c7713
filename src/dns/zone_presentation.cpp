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

std::optional<std::string> unescape(std::string_view text)
{
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\') {
      out += text[i];
      continue;
    }
    if (i + 1 >= text.size()) return std::nullopt;
    if (i + 3 < text.size() && is_digit(text[i + 1]) && is_digit(text[i + 2]) && is_digit(text[i + 3])) {
      const int value = (text[i + 1] - '0') * 100 + (text[i + 2] - '0') * 10 + (text[i + 3] - '0');
      if (value > 255) return std::nullopt;
      out += static_cast<char>(value);
      i += 3;
    } else if (is_digit(text[i + 1])) {
      return std::nullopt; // RFC 1035 5.1: \DDD is exactly three digits
    } else {
      out += text[++i];
    }
  }
  return out;
}

} // namespace sipfo::dns

namespace sipfo::dns {

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
    out += (octet < 0x20 || octet >= 0x7f) ? fmt::format("\\{:03d}", static_cast<unsigned>(octet)) : std::string(1, c);
  }
  return out;
}

} // namespace sipfo::dns
