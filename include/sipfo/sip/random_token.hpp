#pragma once
// Unpredictable tokens for branches, tags, Call-IDs and client nonces
// (RFC 3261 8.1.1.7 and 19.3 want them globally unique and random).

#include <cstddef>
#include <string>

namespace sipfo::sip {

// `hex_chars` lower-case hex digits from the kernel's CSPRNG.
std::string random_token(std::size_t hex_chars);

// A fresh branch: "z9hG4bK" followed by 24 hex digits.
std::string new_branch();

} // namespace sipfo::sip
