#include "sipfo/probe/target_spec.hpp"

#include "sipfo/util/input_error.hpp"
#include "sipfo/util/ip_literal.hpp"

#include <fmt/format.h>

#include <charconv>

namespace sipfo::probe {

namespace {

constexpr const char* spec_hint = "use HOST[:PORT][/udp|tcp|tls], IPv6 in brackets: [::1]:5060/udp";

[[noreturn]] void bad_spec(std::string_view text, std::string_view what)
{
  throw util::InputError("", fmt::format("--target '{}': {}", text, what), spec_hint);
}

std::uint16_t parse_port(std::string_view whole, std::string_view text)
{
  unsigned value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size() || value == 0 || value > 65535) {
    bad_spec(whole, fmt::format("'{}' is not a port (1-65535)", text));
  }
  return static_cast<std::uint16_t>(value);
}

bool is_name_character(char c) noexcept
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
         c == '.';
}

// A host that is not an IP address must be a DNS name a resolver can be asked
// for (RFC 1035 2.3.1 letters, digits and hyphens; '_' as RFC 2181 11 allows;
// labels of 1-63 octets, at most 253 in all): checked before any query goes out.
void check_host_name(std::string_view whole, const std::string& host)
{
  if (host.find_first_not_of("0123456789.") == std::string::npos) {
    bad_spec(whole, fmt::format("'{}' is not an IPv4 address (four numbers 0-255 separated by dots)", host));
  }
  for (std::size_t i = 0; i < host.size(); ++i) {
    if (!is_name_character(host[i])) {
      bad_spec(whole, fmt::format("character {} of the host is not allowed in a host name (letters, digits, "
                                  "'-', '.')", i + 1));
    }
  }
  std::string_view rest = host;
  if (rest.size() > 1 && rest.back() == '.') rest.remove_suffix(1);
  if (rest.size() > 253) bad_spec(whole, fmt::format("the host name is {} characters long; DNS allows 253", rest.size()));
  while (true) {
    const std::size_t dot = rest.find('.');
    const std::string_view label = rest.substr(0, dot);
    if (label.empty() || label.size() > 63) {
      bad_spec(whole, fmt::format("a label of the host name is {}", label.empty() ? "empty" : "longer than 63 characters"));
    }
    // RFC 1123 2.1 (RFC 952): a host name label neither starts nor ends with '-'.
    if (label.front() == '-' || label.back() == '-') {
      bad_spec(whole, fmt::format("the label '{}' of the host name starts or ends with '-'", label));
    }
    if (dot == std::string_view::npos) {
      // RFC 3696 2: a top-level domain is never all digits, so "10.0.0.1.5" or
      // "1.2.3.04x.5" is a mistyped address, not a name to look up.
      if (label.find_first_not_of("0123456789") == std::string_view::npos) {
        bad_spec(whole, fmt::format("'{}' ends in the all-digit label '{}': neither an IPv4 address nor a host name",
                                    host, label));
      }
      break;
    }
    rest.remove_prefix(dot + 1);
  }
}

} // namespace

TargetSpec parse_target_spec(std::string_view text)
{
  TargetSpec spec;
  std::string_view rest = text;
  if (std::size_t slash = rest.rfind('/'); slash != std::string_view::npos) {
    spec.transport = sip::parse_transport(rest.substr(slash + 1));
    if (!spec.transport) bad_spec(text, fmt::format("unknown transport '{}'", rest.substr(slash + 1)));
    rest = rest.substr(0, slash);
  }
  if (!rest.empty() && rest.front() == '[') {
    std::size_t close = rest.find(']');
    if (close == std::string_view::npos) bad_spec(text, "'[' without ']'");
    spec.host = std::string(rest.substr(1, close - 1));
    std::string_view after = rest.substr(close + 1);
    if (!after.empty() && after.front() != ':') bad_spec(text, "text after ']' that is not ':PORT'");
    if (!after.empty()) spec.port = parse_port(text, after.substr(1));
    if (!util::is_ip_literal(spec.host) || spec.host.find(':') == std::string::npos) bad_spec(text, "brackets hold no IPv6 address");
  } else {
    std::size_t colon = rest.find(':');
    if (colon != std::string_view::npos && rest.find(':', colon + 1) != std::string_view::npos) {
      bad_spec(text, "an IPv6 address needs brackets");
    }
    spec.host = std::string(rest.substr(0, colon));
    if (colon != std::string_view::npos) spec.port = parse_port(text, rest.substr(colon + 1));
  }
  if (spec.host.empty()) bad_spec(text, "no host");
  spec.host_is_ip = util::is_ip_literal(spec.host);
  if (!spec.host_is_ip) check_host_name(text, spec.host);
  return spec;
}

} // namespace sipfo::probe
