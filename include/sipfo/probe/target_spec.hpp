#pragma once
// `--target HOST[:PORT][/udp|tcp|tls]` and the lines of `--targets-file`
// (design §4): IPv6 in brackets ("[::1]:5060/udp"), a name or an IP as host.

#include "sipfo/sip/transport.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sipfo::probe {

struct TargetSpec {
  std::string host;                          // name or IP literal, no brackets
  std::optional<std::uint16_t> port;         // nullopt: the transport's default
  std::optional<sip::Transport> transport;   // nullopt: udp
  bool host_is_ip = false;                   // an IPv4 or IPv6 literal
};

// Throws util::InputError (what is wrong, what to do) for a malformed spec:
// empty host, bad port (0 or > 65535), unknown transport, unbalanced brackets.
TargetSpec parse_target_spec(std::string_view text);

} // namespace sipfo::probe
