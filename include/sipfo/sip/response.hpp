#pragma once
// A parsed SIP response (RFC 3261 7.2) and the few things sipfo reads from it.

#include "sipfo/sip/method.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sipfo::sip {

struct Header {
  std::string name;   // lower-case full name: compact forms expanded ("v" -> "via")
  std::string value;  // folded lines joined by one space, outer whitespace trimmed
};

struct Response {
  int code = 0;          // 100..699
  std::string reason;    // reason phrase, may be empty
  std::vector<Header> headers; // in message order
  std::string body;

  // Value of the first header named `name` (any case, compact or full form).
  std::optional<std::string_view> header(std::string_view name) const;
  // Every value of headers named `name`, in message order (one entry per line,
  // not split at commas).
  std::vector<std::string_view> all(std::string_view name) const;
};

// The lower-case full name for a header name in any case or its compact form
// (RFC 3261 7.3.3, 20; RFC 3265 "o"/"u", RFC 3515 "r", RFC 4028 "x").
std::string canonical_header_name(std::string_view name);

// The branch parameter of the topmost Via value (several Via lines, or several
// values in one line, RFC 3261 7.3.1); empty when there is none.
std::string top_via_branch(const Response& response);

struct CSeq {
  std::uint32_t number = 0;
  std::string method;  // as received
};
// Nullopt when CSeq is missing or malformed.
std::optional<CSeq> cseq_of(const Response& response);

// Retry-After in seconds (RFC 3261 20.33), comments and parameters ignored.
std::optional<std::chrono::seconds> retry_after(const Response& response);

} // namespace sipfo::sip
