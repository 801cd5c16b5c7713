#pragma once
// Building the requests sipfo sends (RFC 3261 8.1.1): request line, Via with a
// z9hG4bK branch and rport (RFC 3581), Max-Forwards, From with a tag, To,
// Call-ID, CSeq, User-Agent, Contact and Expires only where asked, Content-Length.

#include "sipfo/sip/method.hpp"
#include "sipfo/sip/transport.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace sipfo::sip {

// The RFC 3261 8.1.1.7 magic cookie every branch sipfo makes starts with.
inline constexpr std::string_view branch_cookie = "z9hG4bK";

struct Request {
  Method method = Method::options;
  std::string request_uri;      // "sip:10.0.0.1:5060", "sip:example.com"
  std::string from_uri;         // "sip:1512@example.com"
  std::string to_uri;           // REGISTER: the address of record (RFC 3261 10.2)
  std::string from_tag;         // token, no "tag=" prefix
  std::string call_id;
  std::uint32_t cseq = 1;
  Transport transport = Transport::udp;
  std::string via_host;         // sent-by host: local IP (IPv6 in brackets) or name
  std::uint16_t via_port = 0;   // sent-by port; 0 leaves it out
  std::string branch;           // must start with branch_cookie (RFC 3261 8.1.1.7)
  std::optional<std::string> contact;  // URI; absent for a binding query (RFC 3261 10.2.3)
  std::optional<std::uint32_t> expires; // seconds; REGISTER only
  // The header that carries credentials (RFC 3261 22.2, 22.3): "Authorization"
  // or "Proxy-Authorization", and its value. Empty name: none.
  std::string authorization_header;
  std::string authorization_value;
  std::string user_agent;       // User-Agent value (--user-agent); empty: "sipfo/<version>"
};

// The request as it goes on the wire: CRLF line ends, no body, Content-Length: 0.
std::string build_request(const Request& request);

} // namespace sipfo::sip
