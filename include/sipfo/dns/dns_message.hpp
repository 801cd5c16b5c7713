#pragma once
// A walker over one raw DNS response message as a server sent it (RFC 1035 4.1):
// the header flags and counts, the question, the answer section decoded into
// sipfo records with their wire TTLs, and the authority-section SOA that gives
// the RFC 2308 negative-caching TTL. Used by the c-ares resolver because c-ares
// 1.18's own parsers drop owner names and the TTLs of SRV and NAPTR records.

#include "sipfo/dns/answer.hpp"
#include "sipfo/dns/record.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace sipfo::dns {

// RFC 1035 4.1.1 / RFC 6895 2.3: any 4-bit value is representable.
enum class Rcode : std::uint8_t {
  noerror = 0,
  formerr = 1,
  servfail = 2,
  nxdomain = 3,
  notimp = 4,
  refused = 5,
};

// The fixed 12-byte header (RFC 1035 4.1.1).
struct DnsHeader {
  std::uint16_t id = 0;
  bool response = false;      // QR
  bool authoritative = false; // AA
  bool truncated = false;     // TC: the sender cut the message to fit UDP
  Rcode rcode = Rcode::noerror;
  std::uint16_t question_count = 0;
  std::uint16_t answer_count = 0;
  std::uint16_t authority_count = 0;
  std::uint16_t additional_count = 0;
};

struct DnsMessage {
  DnsHeader header;
  // The first question (absolute name, its type); nullopt when QDCOUNT is 0.
  std::optional<Question> question;
  // The answer section in wire order, CNAMEs included; class IN records only.
  // Owner names and names inside rdata are absolute ("a.example." / "." for the root).
  // A TTL with the top bit set reads as 0 (RFC 2181 8).
  std::vector<Record> answers;
  // RFC 2308 5: min(SOA TTL, SOA MINIMUM) of the first SOA in the authority
  // section; nullopt when there is none.
  std::optional<std::uint32_t> negative_ttl;
  // Bytes in the message as received.
  std::size_t size = 0;
};

// Reads only the header. Nullopt when the message is shorter than 12 bytes.
std::optional<DnsHeader> read_dns_header(std::span<const std::uint8_t> message);

// Reads header, questions, answer and authority sections; the additional section
// is not read. Nullopt for anything malformed: a count larger than the records
// present, an RR or rdata running past the end, a bad or looping compression
// pointer, rdata whose length does not match its type (A not 4 bytes, SRV with
// bytes left over). Never reads outside `message`.
std::optional<DnsMessage> read_dns_message(std::span<const std::uint8_t> message);
// The same; when the message is malformed, `why` says where and what, for a
// person: "answer record 1 of 1: its RDLENGTH is 4, but only 2 bytes are left
// in the message".
std::optional<DnsMessage> read_dns_message(std::span<const std::uint8_t> message, std::string& why);

} // namespace sipfo::dns
