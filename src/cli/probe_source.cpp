#include "probe_source.hpp"

#include "sipfo/util/input_error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace sipfo::cli {

namespace {

constexpr std::size_t max_header_value = 256;

[[noreturn]] void bad_source(std::string_view text, std::string_view what)
{
  throw util::InputError("", fmt::format("--source '{}': {}", text, what),
                         "write ADDR or ADDR:PORT, IPv6 in brackets: [::1]:5060");
}

std::uint16_t source_port(std::string_view whole, std::string_view text)
{
  unsigned value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size() || value > 65535) {
    bad_source(whole, fmt::format("'{}' is not a port (0-65535)", text));
  }
  return static_cast<std::uint16_t>(value);
}

bool is_control(unsigned char c) noexcept
{
  return c < 0x20 || c == 0x7f;
}

} // namespace

sip::SourceAddress parse_source_option(std::string_view text)
{
  sip::SourceAddress source;
  if (!text.empty() && text.front() == '[') {
    const std::size_t close = text.find(']');
    if (close == std::string_view::npos) bad_source(text, "'[' without ']'");
    source.address = std::string(text.substr(1, close - 1));
    const std::string_view after = text.substr(close + 1);
    if (!after.empty() && after.front() != ':') bad_source(text, "text after ']' that is not ':PORT'");
    if (!after.empty()) source.port = source_port(text, after.substr(1));
  } else if (std::count(text.begin(), text.end(), ':') == 1) {
    const std::size_t colon = text.find(':');
    source.address = std::string(text.substr(0, colon));
    source.port = source_port(text, text.substr(colon + 1));
  } else {
    source.address = std::string(text); // IPv4, or IPv6 without a port
  }
  if (const auto problem = sip::source_problem(source)) {
    if (*problem == "not an IP address") bad_source(text, "not an IP address (a name is not accepted here)");
    throw util::InputError("", fmt::format("--source '{}': {}", text, *problem),
                           "give an address of this machine ('ip -brief address' lists them) and a free port");
  }
  return source;
}

std::string check_from_option(std::string_view text)
{
  const auto colon = text.find(':');
  std::string scheme(text.substr(0, colon == std::string_view::npos ? 0 : colon));
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const char* hint = "write a SIP URI such as sip:probe@example.com";
  if (scheme != "sip" && scheme != "sips") {
    throw util::InputError("", fmt::format("--from '{}': not a sip: or sips: URI", text), hint);
  }
  if (text.size() > max_header_value) {
    throw util::InputError("", fmt::format("--from is {} bytes long", text.size()),
                           fmt::format("at most {}", max_header_value));
  }
  for (char c : text) {
    if (is_control(static_cast<unsigned char>(c)) || c == ' ' || c == '<' || c == '>' || c == '"') {
      throw util::InputError("", "--from holds a blank, a control character, '<', '>' or '\"'",
                             "write the URI alone, without a display name or angle brackets");
    }
  }
  // A password in the userinfo (RFC 3261 19.1.1 deprecates it) would be in every
  // From, the trace, the header and the JSON: refuse it.
  const auto at = text.find('@');
  if (at != std::string_view::npos && text.substr(colon + 1, at - colon - 1).find(':') != std::string_view::npos) {
    throw util::InputError("", "--from holds a password (user:password@host)",
                           "leave the password out: sip:user@host (--password-file gives REGISTER its password)");
  }
  return std::string(text);
}

std::string check_user_agent_option(std::string_view text)
{
  if (text.empty() || text.size() > max_header_value) {
    throw util::InputError("", fmt::format("--user-agent is {} bytes long", text.size()),
                           fmt::format("give 1 to {} bytes, e.g. 'PolycomSpectraLink/4.x'", max_header_value));
  }
  for (char c : text) {
    if (is_control(static_cast<unsigned char>(c))) {
      throw util::InputError("", "--user-agent holds a control character (a line break would add a header)",
                             "write printable text on one line");
    }
  }
  return std::string(text);
}

} // namespace sipfo::cli
