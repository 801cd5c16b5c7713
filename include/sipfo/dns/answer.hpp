#pragma once
// One question and everything its answer told us. The outcome of a lookup is data,
// never an exception: NXDOMAIN, SERVFAIL and timeouts are what sipfo diagnoses.

#include "sipfo/dns/record.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sipfo::dns {

enum class Outcome {
  noerror,     // NOERROR with records of the asked type (possibly through CNAMEs)
  nodata,      // NOERROR, the name exists but has no record of that type
  nxdomain,    // the name does not exist
  servfail,
  refused,
  timeout,     // no answer within the query's time bound
  unreachable, // the server's port is closed (ICMP unreachable, TCP refused)
  malformed,   // a reply came but could not be read (cut short, a bad name) or is no
               // answer to the question (QR=0, another question): nothing of it is used
};

// "NOERROR", "NODATA", "NXDOMAIN", "SERVFAIL", "REFUSED", "TIMEOUT", "UNREACHABLE",
// "MALFORMED"
const char* outcome_name(Outcome outcome) noexcept;

struct Question {
  std::string name; // absolute
  RrType type = RrType::a;
  friend bool operator==(const Question&, const Question&) = default;
};

// How an answer reached sipfo.
enum class Carrier { udp, tcp, zone, static_cache };

// A configured server that was asked and gave nothing back (TIMEOUT or
// UNREACHABLE), so the question went on to the next server in the list.
struct ServerMiss {
  std::string source; // "127.0.0.1@53"
  Outcome outcome = Outcome::timeout;
  std::chrono::microseconds waited{0}; // what asking it cost before the next server was asked
};

struct Answer {
  Question question;
  Outcome outcome = Outcome::timeout;
  // The answer section in the order the server gave it, CNAMEs included.
  std::vector<Record> records;
  // RFC 2308 negative-caching TTL: min(SOA TTL, SOA MINIMUM) from the authority
  // section of an NXDOMAIN or NODATA answer, when the server sent the SOA.
  std::optional<std::uint32_t> negative_ttl;
  // The UDP answer had the TC bit set and the question was asked again over TCP.
  bool truncated = false;
  Carrier carrier = Carrier::zone;
  // "127.0.0.1@5353" for a server, the file name for a zone.
  std::string source;
  // Round-trip time; nullopt for answers that did not cross a network.
  std::optional<std::chrono::microseconds> elapsed;
  // Size of the DNS message in bytes (measured for live answers, computed for zones).
  std::size_t size = 0;
  // Why the reply was not used as the server sent it, for a person: what made it
  // MALFORMED, or the answer records an NXDOMAIN carried and sipfo dropped.
  // Empty when the reply was used as sent.
  std::string problem;
  // Servers asked before `source`, in order, that gave no answer: a phone with the
  // same server list waits as long on each of them before it asks the next.
  std::vector<ServerMiss> missed;

  // The name the CNAME chain in `records` ends at (the question's name when there is none).
  std::string final_name() const;
  // Records of the asked type at the end of the CNAME chain, in answer order.
  std::vector<Record> data() const;
  // CNAME records in the chain, in order.
  std::vector<Record> cnames() const;
  // The TTL a cache would keep this answer for: the smallest TTL along the chain,
  // or the negative TTL. Nullopt when nothing may be cached (timeouts, SERVFAIL).
  std::optional<std::uint32_t> ttl() const;
};

} // namespace sipfo::dns
