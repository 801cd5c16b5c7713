#pragma once
// What a SIP request and a SIP response share (RFC 3261 7): header fields and a
// body, and the few header values sipfo reads from either.

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

// The header fields and body of one message, requests and responses alike.
struct MessageFields {
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
std::string top_via_branch(const MessageFields& message);

struct CSeq {
  std::uint32_t number = 0;
  std::string method;  // as received
};
// Nullopt when CSeq is missing or malformed.
std::optional<CSeq> cseq_of(const MessageFields& message);

// Retry-After in seconds (RFC 3261 20.33), comments and parameters ignored.
std::optional<std::chrono::seconds> retry_after(const MessageFields& message);

// Expires in seconds (RFC 3261 20.19); nullopt when absent or not a number.
std::optional<std::uint32_t> expires_of(const MessageFields& message);

// One Contact value (RFC 3261 20.10): its URI without the angle brackets and
// its expires parameter (10.2.1.1, 10.3 step 8).
struct ContactValue {
  std::string uri;
  std::optional<std::uint32_t> expires;
};
// Every Contact value in message order, split at commas outside quotes and
// brackets; "*" is a value of its own (10.2.2).
std::vector<ContactValue> contacts_of(const MessageFields& message);

// The URI of a name-addr or addr-spec ("\"Bob\" <sip:bob@a>;tag=1" -> "sip:bob@a",
// "sip:bob@a;tag=1" -> "sip:bob@a"): what To, From and Contact name.
std::string uri_of(std::string_view value);

} // namespace sipfo::sip
