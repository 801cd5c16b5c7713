#pragma once
// A SIP request as read from the wire (RFC 3261 7.1): a phone's REGISTER,
// OPTIONS or INVITE in a capture. sipfo's own requests are built from
// sip::Request (request.hpp) instead.

#include "sipfo/sip/message.hpp"

#include <string>

namespace sipfo::sip {

struct ReceivedRequest : MessageFields {
  std::string method;      // as sent (a token, case kept: RFC 3261 7.1 methods are case-sensitive)
  std::string request_uri; // as sent
};

} // namespace sipfo::sip
