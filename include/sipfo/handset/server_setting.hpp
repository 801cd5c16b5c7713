#pragma once
// What the phone is configured with for one server: the address field, the port and
// the transport setting, as an admin types them into the handset or its .cfg file.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace sipfo::handset {

// The transport field. `naptr` is the 84-Series "DNSnaptr" default (CS-14-17, Step 1).
enum class TransportSetting { naptr, udp, tcp, tls, tcp_preferred };

const char* transport_setting_name(TransportSetting setting) noexcept; // "naptr", "tcp-preferred", ...
// Accepts sipfo's names and the vendors' spellings case-insensitively: DNSnaptr,
// UDPOnly, TCPOnly, TCPpreferred, TLS (CS-14-17), and Yealink's 0-3 (Yealink Server Redundancy).
std::optional<TransportSetting> parse_transport_setting(std::string_view text);
// Every spelling parse_transport_setting accepts, for "did you mean" and completions.
std::span<const std::string_view> transport_setting_spellings() noexcept;

struct ServerSetting {
  std::string address;  // a host name or a literal IP (IPv6 may be bracketed)
  std::uint16_t port = 0;
  TransportSetting transport = TransportSetting::naptr;
};

// The address without IPv6 brackets.
std::string strip_brackets(std::string_view address);

} // namespace sipfo::handset

namespace sipfo::handset {

// Reads a SPEC as typed on the command line: a host name or IP, with an optional
// ":PORT" ("[::1]:5060" for IPv6), or a SIP URI ("sip:host[:port][;transport=tcp]",
// "sips:host" means TLS). Port and transport found in the SPEC override `base`'s.
// Throws util::InputError for an unusable SPEC.
ServerSetting setting_from_spec(std::string_view spec, ServerSetting base = {});

// The checks a SPEC's host gets, for an address from anywhere (a --config file
// too): no blanks or slashes; an IP, or a DNS name of labels of 1-63 characters
// and at most 253 in all (RFC 1035 2.3.4). Throws util::InputError (where = "").
void check_server_address(std::string_view address);

} // namespace sipfo::handset
