#pragma once
// Domain names as labels of raw octets, for the zone reader and the zone resolver:
// reading presentation text (RFC 1035 5.1), writing it back, the wire length.

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sipfo::dns {

// RFC 1035 2.3.4 size limits, in octets.
constexpr std::size_t max_label_length = 63;
constexpr std::size_t max_name_length = 255; // on the wire, length octets included

// A name's labels, most specific first (`piper`, `eslab`, `local`); the root is empty.
using Labels = std::vector<std::string>;

// What reading a name's text gave.
struct NameText {
  Labels labels;
  bool absolute = false; // written with the trailing dot (or as ".")
  std::string error;     // non-empty when the text is no name: says what is wrong
};

// Reads `piper`, `eslab.local.`, `a\.b.local.`, `\065bc.` or `.`. Errors: empty
// text, an empty label (`a..b`), a label over 63 octets, a malformed escape.
// The 255-octet limit is for the caller to check once the name is absolute.
NameText read_name(std::string_view text);

// 1 + length for each label, plus 1 for the root.
std::size_t wire_length(std::span<const std::string> labels);

// Absolute presentation text with escapes (`piper.eslab.local.`; `.` for the root).
std::string name_text(std::span<const std::string> labels);

// The same, ASCII lower-cased: the key names are compared and indexed by.
std::string name_key(std::span<const std::string> labels);

// True when `name` is `apex` or below it; labels compared ASCII case-insensitively.
bool is_at_or_below(std::span<const std::string> name, std::span<const std::string> apex);

} // namespace sipfo::dns
