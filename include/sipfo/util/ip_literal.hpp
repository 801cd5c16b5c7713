#pragma once
// Whether a host is an IP address rather than a name (a handset does no DNS for those).

#include <string_view>

namespace sipfo::util {

// Whether brackets around an IPv6 address, as in a URI host (RFC 3986 3.2.2), count.
enum class Brackets { rejected, allowed };

// Whether `text` is an IPv4 ("10.0.0.1") or IPv6 ("2001:db8::1") literal; with
// Brackets::allowed one enclosing pair is ignored ("[::1]"). No allocation: this
// runs for every lookup line of a log.
bool is_ip_literal(std::string_view text, Brackets brackets = Brackets::rejected) noexcept;

} // namespace sipfo::util
