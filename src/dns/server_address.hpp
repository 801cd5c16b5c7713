#pragma once
// A DNS server as given on the command line (`--dns-server`): an IPv4 or IPv6
// address and a port, written "ADDR", "ADDR:PORT", "[V6]", "[V6]:PORT" or a bare
// IPv6 address ("::1"). Names are not accepted: resolving the resolver's own
// address would need a resolver.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sipfo::dns {

struct ServerAddress {
  std::string address;      // canonical text form ("127.0.0.1", "::1")
  std::uint16_t port = 53;  // RFC 1035 4.2: 53 when none is given
  bool ipv6 = false;
  friend bool operator==(const ServerAddress&, const ServerAddress&) = default;
};

// Nullopt for anything else: a name, a port of 0 or above 65535, junk around it.
std::optional<ServerAddress> parse_server_address(std::string_view text);

// "127.0.0.1@5353", "::1@53": how kdig names a server, and Answer::source.
std::string server_source(const ServerAddress& server);

// "127.0.0.1:5353", "[::1]:53": one entry of c-ares's ares_set_servers_ports_csv.
std::string server_csv_entry(const ServerAddress& server);

} // namespace sipfo::dns
