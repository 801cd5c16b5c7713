#pragma once
// The size in bytes of the DNS response a server would send for an answer
// (RFC 1035 4.1): 12-byte header, the question, the answer records, with names
// compressed against names earlier in the message (4.1.4) where the type allows
// it (RFC 3597 4: owners, and names in NS, CNAME, PTR, SOA, MX rdata; never SRV
// targets (RFC 2782) or NAPTR replacements (RFC 3403)), as NSD writes them.

#include "sipfo/dns/record.hpp"

#include "zone_name.hpp"

#include <cstddef>
#include <string>
#include <unordered_map>

namespace sipfo::dns {

class MessageSize {
public:
  // Header and question for `question_name` (type and class: 4 bytes).
  explicit MessageSize(const Labels& question_name);

  // Adds one answer record: owner, type, class, TTL, RDLENGTH, rdata.
  void add(const Record& record);

  std::size_t bytes() const { return bytes_; }

private:
  enum class Compression { allowed, forbidden };

  void add_name(const Labels& labels, Compression compression);
  void add_name(const std::string& text, Compression compression);
  void add_rdata(const Record& record);
  void add_opaque(RrType type, const std::string& text);

  std::size_t bytes_ = 12;
  // Lower-cased name suffixes written so far -> their offset, for pointers.
  std::unordered_map<std::string, std::size_t> offsets_;
};

} // namespace sipfo::dns
