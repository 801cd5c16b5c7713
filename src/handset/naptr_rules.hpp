#pragma once
// NAPTR facts shared by the profiles (RFC 3403, RFC 3263 4.1).

#include "sipfo/dns/record.hpp"
#include "sipfo/handset/candidate.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sipfo::handset {

// RFC 3263 4.1 services: SIP+D2U -> udp, SIP+D2T -> tcp, SIPS+D2T -> tls
// (case-insensitive). Nullopt for anything else (SIP+D2S, E2U+sip, ...).
std::optional<Transport> sip_service_transport(std::string_view service) noexcept;

// RFC 2782 owner names: _sip._udp.x -> udp, _sip._tcp.x -> tcp, _sips._tcp.x -> tls.
std::optional<Transport> srv_name_transport(std::string_view name) noexcept;

// The SRV owner for a transport: _sip._udp., _sip._tcp., _sips._tcp. + domain.
std::string srv_name_for(Transport transport, std::string_view domain);

// True when `name` looks like _service._proto.domain (RFC 2782), which a SIP
// NAPTR replacement must be.
bool looks_like_srv_name(std::string_view name) noexcept;

// A likely intended SRV name for a malformed one ("_sip_udp.x." -> "_sip._udp.x.").
std::optional<std::string> corrected_srv_name(std::string_view name);

// NAPTR records from an answer, ordered by order then preference (RFC 3403 4.1),
// answer order kept for ties.
std::vector<dns::Record> ordered_naptr(const std::vector<dns::Record>& records);

} // namespace sipfo::handset

namespace sipfo::handset {

struct Resolution;

// A naptr_replacement_malformed finding for each NAPTR whose replacement is not
// an SRV name (RFC 3263 4.1 points NAPTR at SRV records).
void report_malformed_replacements(const std::vector<dns::Record>& naptr_records, Resolution& resolution);

} // namespace sipfo::handset
