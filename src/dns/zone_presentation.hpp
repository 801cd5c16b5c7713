#pragma once
// RFC 1035 5.1 presentation format: how the octets of a label or a
// <character-string> are written in a master file, and read back.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace sipfo::dns {

// One label's octets as text: letters, digits and other printable ASCII as is;
// `.`, `\`, `"`, `;`, `(`, `)`, `@`, `$` and space backslash-escaped; anything
// outside 0x21-0x7e as `\DDD` (three decimal digits), as kdig writes it.
std::string escape_label(std::string_view octets);

// A <character-string> in double quotes: `"` and `\` backslash-escaped, octets
// outside 0x20-0x7e as `\DDD`. `SIP+D2U` -> `"SIP+D2U"`, empty -> `""`.
std::string quote_character_string(std::string_view octets);

// Reads the escape at text[at] (a backslash) and appends the octet it stands
// for to `out`: `\DDD` (exactly three digits, 000-255) or `\X` for X. Returns
// the index of the escape's last character; nullopt when it is malformed.
std::optional<std::size_t> read_escape(std::string_view text, std::size_t at, std::string& out);

// The octets `text` stands for: `\DDD` is one octet (000-255), `\X` is X.
// Nullopt for a backslash at the end or a `\DDD` above 255.
std::optional<std::string> unescape(std::string_view text);


// Input text as it may be echoed in an error message: octets outside 0x20-0x7e as
// `\DDD`, cut to 60 characters with "..." so a hostile file cannot flood or
// control the terminal.
std::string text_for_message(std::string_view text);

} // namespace sipfo::dns
