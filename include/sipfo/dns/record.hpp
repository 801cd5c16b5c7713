#pragma once
// A DNS resource record as sipfo keeps it: owner, type, TTL and the rdata of the
// types SIP location uses (RFC 1035, 2782, 3403, 3596). Other types keep their
// presentation text, so a zone with TXT or MX records still answers correctly.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace sipfo::dns {

// Any 16-bit type value is representable; the named ones are those sipfo reads.
enum class RrType : std::uint16_t {
  a = 1,
  ns = 2,
  cname = 5,
  soa = 6,
  ptr = 12,
  mx = 15,
  txt = 16,
  aaaa = 28,
  srv = 33,
  naptr = 35,
};

// "A", "NAPTR", or "TYPE65280" for types without a mnemonic sipfo knows.
std::string rr_type_name(RrType type);
// Case-insensitive; accepts "TYPEnnn" (RFC 3597). Nullopt for an unknown mnemonic.
std::optional<RrType> rr_type_from_name(std::string_view name);

struct AddressData {   // A, AAAA: the address in its canonical text form
  std::string address;
  friend bool operator==(const AddressData&, const AddressData&) = default;
};
struct NameData {      // CNAME, NS, PTR: an absolute domain name
  std::string name;
  friend bool operator==(const NameData&, const NameData&) = default;
};
struct SrvData {       // RFC 2782
  std::uint16_t priority = 0;
  std::uint16_t weight = 0;
  std::uint16_t port = 0;
  std::string target;  // absolute name; "." means "service not available here"
  friend bool operator==(const SrvData&, const SrvData&) = default;
};
struct NaptrData {     // RFC 3403
  std::uint16_t order = 0;
  std::uint16_t preference = 0;
  std::string flags;
  std::string service;
  std::string regexp;
  std::string replacement; // absolute name; "." when there is none
  friend bool operator==(const NaptrData&, const NaptrData&) = default;
};
struct SoaData {       // RFC 1035 3.3.13; `minimum` caps negative caching (RFC 2308)
  std::string mname;
  std::string rname;
  std::uint32_t serial = 0;
  std::uint32_t refresh = 0;
  std::uint32_t retry = 0;
  std::uint32_t expire = 0;
  std::uint32_t minimum = 0;
  friend bool operator==(const SoaData&, const SoaData&) = default;
};
struct OpaqueData {    // any other type: its rdata in presentation form
  std::string text;
  friend bool operator==(const OpaqueData&, const OpaqueData&) = default;
};

using Rdata = std::variant<AddressData, NameData, SrvData, NaptrData, SoaData, OpaqueData>;

struct Record {
  std::string owner;   // absolute, with the trailing dot
  RrType type = RrType::a;
  std::uint32_t ttl = 0;
  Rdata data;
  friend bool operator==(const Record&, const Record&) = default;
};

// Types sipfo reads from zones but never asks for (CAA, DS, RRSIG, HINFO, ...):
// their rdata is kept as the text of the zone file.
bool is_presentation_only(RrType type) noexcept;

// The rdata in zone-file syntax: `1 10 5060 piper.eslab.local.`
std::string rdata_text(const Record& record);
// The whole record in zone-file syntax, as kdig prints it:
// `_sip._udp.eslab.local. 36 IN SRV 1 10 5060 piper.eslab.local.`
std::string record_text(const Record& record);

// Names: "Eslab.Local" and "eslab.local." are the same name.
std::string absolute_name(std::string_view name);
bool same_name(std::string_view a, std::string_view b) noexcept;

} // namespace sipfo::dns
