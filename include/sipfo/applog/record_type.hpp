#pragma once
// DNS record types as the 84-Series names them in app.log ("record NAPTR", "(SRV)").

#include "sipfo/util/transport.hpp"

#include <string_view>

namespace sipfo::applog {

enum class RecordType { none, naptr, srv, a, aaaa, other };

// "NAPTR", "SRV", "A", "AAAA" (case-insensitive); other for anything else.
RecordType parse_record_type(std::string_view text) noexcept;
std::string_view to_string(RecordType type) noexcept;

// Transports a candidate can use.
using Transport = util::Transport;
using util::transport_name;

// The transport named by an SRV owner name or a log tag: "_sips._tcp" -> tls,
// "_sip._tcp" or "tcp" -> tcp, anything else udp (RFC 3263 4.1 defaults).
Transport transport_from(std::string_view text) noexcept;

} // namespace sipfo::applog
