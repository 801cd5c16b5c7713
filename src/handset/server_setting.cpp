#include "sipfo/handset/server_setting.hpp"

#include "sipfo/util/ip_literal.hpp"
#include "sipfo/util/suggest.hpp"

#include <algorithm>
#include <array>

namespace sipfo::handset {

namespace {

struct Spelling {
  std::string_view text;
  TransportSetting setting;
};

// sipfo's own names first, then the vendors' (CS-14-17 "Your options are";
// Yealink Server Redundancy transport_type 0 UDP, 1 TCP, 2 TLS, 3 DNS-NAPTR).
constexpr std::array spellings{
  Spelling{"naptr", TransportSetting::naptr},
  Spelling{"udp", TransportSetting::udp},
  Spelling{"tcp", TransportSetting::tcp},
  Spelling{"tls", TransportSetting::tls},
  Spelling{"tcp-preferred", TransportSetting::tcp_preferred},
  Spelling{"DNSnaptr", TransportSetting::naptr},
  Spelling{"UDPOnly", TransportSetting::udp},
  Spelling{"TCPOnly", TransportSetting::tcp},
  Spelling{"TCPpreferred", TransportSetting::tcp_preferred},
  Spelling{"DNS-NAPTR", TransportSetting::naptr},
  Spelling{"0", TransportSetting::udp},
  Spelling{"1", TransportSetting::tcp},
  Spelling{"2", TransportSetting::tls},
  Spelling{"3", TransportSetting::naptr},
};

constexpr auto spelling_texts = [] {
  std::array<std::string_view, spellings.size()> texts{};
  for (std::size_t i = 0; i < spellings.size(); ++i) texts[i] = spellings[i].text;
  return texts;
}();

} // namespace

const char* transport_setting_name(TransportSetting setting) noexcept
{
  switch (setting) {
  case TransportSetting::naptr: return "naptr";
  case TransportSetting::udp: return "udp";
  case TransportSetting::tcp: return "tcp";
  case TransportSetting::tls: return "tls";
  case TransportSetting::tcp_preferred: return "tcp-preferred";
  }
  return "naptr";
}

std::optional<TransportSetting> parse_transport_setting(std::string_view text)
{
  for (const auto& spelling : spellings) {
    if (util::iequals(spelling.text, text)) return spelling.setting;
  }
  return std::nullopt;
}

std::span<const std::string_view> transport_setting_spellings() noexcept
{
  return spelling_texts;
}

std::string strip_brackets(std::string_view address)
{
  if (address.size() >= 2 && address.front() == '[' && address.back() == ']') {
    address = address.substr(1, address.size() - 2);
  }
  return std::string(address);
}

} // namespace sipfo::handset

#include "sipfo/util/input_error.hpp"

#include <fmt/format.h>

#include <charconv>

namespace sipfo::handset {

namespace {

// A name quoted in a message, cut so a 15 MB value cannot flood the terminal.
std::string quoted_name(std::string_view name)
{
  constexpr std::size_t shown = 64;
  return name.size() <= shown ? std::string(name) : fmt::format("{}... ({} characters)", name.substr(0, shown), name.size());
}

// RFC 1035 2.3.4: labels of 1 to 63 octets, a name of at most 253 (255 on the wire).
void check_host_name(std::string_view name)
{
  std::string_view rest = name;
  if (rest.size() > 1 && rest.back() == '.') rest.remove_suffix(1);
  if (rest.size() > 253) {
    throw util::InputError("", fmt::format("the name is {} characters long; DNS allows 253", rest.size()),
                           "check the server address");
  }
  while (true) {
    const auto dot = rest.find('.');
    const auto label = rest.substr(0, dot);
    if (label.empty() || label.size() > 63) {
      throw util::InputError("", fmt::format("'{}' is not a valid DNS name: a label is {}", quoted_name(name),
                                             label.empty() ? "empty" : "longer than 63 characters"),
                             "check the server address");
    }
    if (dot == std::string_view::npos) break;
    rest.remove_prefix(dot + 1);
  }
}

std::uint16_t parse_port(std::string_view text, std::string_view spec)
{
  unsigned value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value > 65535) {
    throw util::InputError("", fmt::format("bad port '{}' in '{}'", text, spec), "a port is a number from 0 to 65535");
  }
  return static_cast<std::uint16_t>(value);
}

} // namespace

ServerSetting setting_from_spec(std::string_view spec, ServerSetting base)
{
  std::string_view rest = spec;
  auto starts = [&](std::string_view prefix) {
    return rest.size() >= prefix.size() && util::iequals(rest.substr(0, prefix.size()), prefix);
  };
  if (starts("sips:")) {
    rest.remove_prefix(5);
    base.transport = TransportSetting::tls;
  } else if (starts("sip:")) {
    rest.remove_prefix(4);
  }
  // URI parameters: only transport= matters for locating the server (RFC 3263 4.1).
  if (const auto semi = rest.find(';'); semi != std::string_view::npos) {
    std::string_view params = rest.substr(semi + 1);
    rest = rest.substr(0, semi);
    while (!params.empty()) {
      const auto next = params.find(';');
      const auto param = params.substr(0, next);
      if (param.size() > 10 && util::iequals(param.substr(0, 10), "transport=")) {
        const auto value = param.substr(10);
        const auto setting = parse_transport_setting(value);
        if (!setting) {
          throw util::InputError("", fmt::format("unknown transport '{}' in '{}'", value, spec),
                                 "use udp, tcp or tls");
        }
        base.transport = *setting;
      }
      params = next == std::string_view::npos ? std::string_view{} : params.substr(next + 1);
    }
  }
  if (const auto at = rest.find('@'); at != std::string_view::npos) rest = rest.substr(at + 1); // user@host
  if (!rest.empty() && rest.front() == '[') {
    const auto close = rest.find(']');
    if (close == std::string_view::npos) {
      throw util::InputError("", fmt::format("unclosed '[' in '{}'", spec), "write IPv6 as [2001:db8::1]:5060");
    }
    base.address = std::string(rest.substr(1, close - 1));
    const auto after = rest.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') throw util::InputError("", fmt::format("unexpected '{}' in '{}'", after, spec));
      base.port = parse_port(after.substr(1), spec);
    }
  } else if (std::count(rest.begin(), rest.end(), ':') == 1) {
    const auto colon = rest.find(':');
    base.address = std::string(rest.substr(0, colon));
    base.port = parse_port(rest.substr(colon + 1), spec);
  } else {
    base.address = std::string(rest); // a name, an IPv4 or a bare IPv6 address
  }
  if (base.address.empty()) {
    throw util::InputError("", fmt::format("no host in '{}'", spec), "give a name such as eslab.local or an IP");
  }
  check_server_address(base.address);
  return base;
}

void check_server_address(std::string_view address)
{
  if (address.find_first_of(" \t/\\") != std::string_view::npos) {
    throw util::InputError("", fmt::format("'{}' is not a host name or IP", quoted_name(address)),
                           "give a name such as eslab.local or an IP");
  }
  if (!util::is_ip_literal(address, util::Brackets::allowed)) check_host_name(address);
}

} // namespace sipfo::handset
