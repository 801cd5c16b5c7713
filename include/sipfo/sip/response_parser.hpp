#pragma once
// Parsing one SIP response from bytes that hold exactly one message: a UDP
// datagram, or what StreamFramer cut from a TCP/TLS stream (RFC 3261 7, 18.3).
// Never throws and never reads past `message`; anything it cannot use is an
// error value, for the transaction layer to count and ignore (RFC 3261 18.1.2).

#include "sipfo/sip/response.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace sipfo::sip {

// Bytes sipfo accepts for one message: a UDP datagram's maximum payload.
inline constexpr std::size_t max_message_bytes = 65535;
// Header lines sipfo accepts in one message (a sane bound, not an RFC limit).
inline constexpr std::size_t max_header_count = 256;

struct ResponseParse {
  std::optional<Response> response; // set on success
  std::string error;                 // why not, when `response` is empty
};

// Accepts CRLF or bare LF line ends, empty lines before the status line
// (RFC 3261 7.5), compact and any-case header names, folded lines (7.3.1).
// The body is Content-Length bytes when the header is present (fewer bytes is
// an error, extra bytes are ignored, 18.3), else the rest of the message.
ResponseParse parse_response(std::string_view message);

} // namespace sipfo::sip
