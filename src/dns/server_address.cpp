#include "server_address.hpp"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <charconv>

namespace sipfo::dns {

namespace {

// The canonical text of an address of `family`, or nullopt when `text` is not one.
std::optional<std::string> canonical_address(std::string_view text, int family)
{
  if (text.empty() || text.size() >= INET6_ADDRSTRLEN) return std::nullopt;
  const std::string input(text);
  unsigned char binary[sizeof(in6_addr)] = {};
  if (inet_pton(family, input.c_str(), binary) != 1) return std::nullopt;
  char canonical[INET6_ADDRSTRLEN] = {};
  inet_ntop(family, binary, canonical, sizeof canonical);
  return std::string(canonical);
}

// A decimal port 1..65535 with nothing around it.
std::optional<std::uint16_t> parse_port(std::string_view text)
{
  unsigned value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  if (value == 0 || value > 65535) return std::nullopt;
  return static_cast<std::uint16_t>(value);
}

std::optional<ServerAddress> make_server(std::string_view address, int family, std::string_view port)
{
  auto canonical = canonical_address(address, family);
  if (!canonical) return std::nullopt;
  ServerAddress server{*canonical, 53, family == AF_INET6};
  if (!port.empty()) {
    auto number = parse_port(port);
    if (!number) return std::nullopt;
    server.port = *number;
  }
  return server;
}

// "[V6]" or "[V6]:PORT".
std::optional<ServerAddress> parse_bracketed(std::string_view text)
{
  auto close = text.find(']');
  if (close == std::string_view::npos) return std::nullopt;
  auto rest = text.substr(close + 1);
  if (!rest.empty() && (rest.front() != ':' || rest.size() == 1)) return std::nullopt;
  return make_server(text.substr(1, close - 1), AF_INET6, rest.empty() ? rest : rest.substr(1));
}

} // namespace

std::optional<ServerAddress> parse_server_address(std::string_view text)
{
  if (!text.empty() && text.front() == '[') return parse_bracketed(text);
  auto colon = text.find(':');
  if (colon == std::string_view::npos) return make_server(text, AF_INET, {});
  if (text.find(':', colon + 1) != std::string_view::npos) return make_server(text, AF_INET6, {});
  if (colon + 1 == text.size()) return std::nullopt; // "ADDR:" with no port
  return make_server(text.substr(0, colon), AF_INET, text.substr(colon + 1));
}

std::string server_source(const ServerAddress& server)
{
  return fmt::format("{}@{}", server.address, server.port);
}

std::string server_csv_entry(const ServerAddress& server)
{
  return server.ipv6 ? fmt::format("[{}]:{}", server.address, server.port)
                     : fmt::format("{}:{}", server.address, server.port);
}

} // namespace sipfo::dns
