#pragma once
// Parsing one SIP message, request or response, from bytes that hold exactly
// one: a UDP datagram, or what StreamFramer cut from a TCP/TLS stream (RFC 3261
// 7, 18.3). The start line decides which; the header fields and the body are
// read by the same code for both. Never throws, never reads past `message`.

#include "sipfo/sip/received_request.hpp"
#include "sipfo/sip/response.hpp"
#include "sipfo/sip/response_parser.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace sipfo::sip {

struct RequestParse {
  std::optional<ReceivedRequest> request; // set on success
  std::string error;                      // why not, when `request` is empty
};

// A request: "METHOD Request-URI SIP/2.0" (RFC 3261 7.1), then headers and body
// read as parse_response reads them.
RequestParse parse_request(std::string_view message);

struct MessageParse {
  // Exactly one is set on success.
  std::optional<ReceivedRequest> request;
  std::optional<Response> response;
  std::string error; // why neither, for a person
};

// A request or a response, whichever the start line is.
MessageParse parse_message(std::string_view message);

// parse_message for a reader of many messages that needs few of their headers
// (the capture story): only the headers named in `keep` (lower-case full names,
// as MessageFields::header compares them) are stored, in message order, and the
// body is checked against Content-Length but not copied. What is accepted and
// every error are parse_message's.
MessageParse parse_message_headers(std::string_view message, std::span<const std::string_view> keep);

} // namespace sipfo::sip
