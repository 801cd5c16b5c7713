#pragma once
// The SIP request methods sipfo sends: OPTIONS to ask "are you there",
// REGISTER to check an account (RFC 3261 10, 11).

#include <optional>
#include <string_view>

namespace sipfo::sip {

enum class Method { options, register_ };

// "OPTIONS", "REGISTER": as in the request line and CSeq.
const char* method_name(Method method) noexcept;
// Exact (case-sensitive, RFC 3261 7.1) method name; nullopt for other methods.
std::optional<Method> parse_method(std::string_view text) noexcept;

} // namespace sipfo::sip
