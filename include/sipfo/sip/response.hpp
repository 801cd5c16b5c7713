#pragma once
// A parsed SIP response (RFC 3261 7.2) and the few things sipfo reads from it
// (the header helpers of message.hpp take it too).

#include "sipfo/sip/message.hpp"
#include "sipfo/sip/method.hpp"

#include <string>

namespace sipfo::sip {

struct Response : MessageFields {
  int code = 0;          // 100..699
  std::string reason;    // reason phrase, may be empty
};

} // namespace sipfo::sip
