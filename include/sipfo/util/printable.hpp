#pragma once
// The one escaping function for text that reaches a terminal. Everything sipfo
// prints that it did not write itself (file names, config values and keys,
// scenario names, targets-file hosts, SPEC, DNS data, SIP reasons, TLS subjects,
// app.log lines) goes through printable(), so an ESC or BEL in hostile input can
// never move the cursor, retitle the window or ring the bell (ECMA-48 5: C0 and
// C1 control functions; invalid UTF-8 can smuggle C1 controls to some terminals).

#include <cstddef>
#include <string>
#include <string_view>

namespace sipfo::util {

// `text` with valid UTF-8 (printable ASCII and code points from U+00A0 up) kept
// as is, and shown escaped:
//   \t \n \r            tab, line feed, carriage return
//   \xHH                other C0 controls (ESC is \x1b, BEL \x07), DEL (\x7f),
//                       each byte of invalid UTF-8 (stray continuation bytes,
//                       overlong forms, surrogates, beyond U+10FFFF, cut short)
//   \u{HHHH}            C1 controls U+0080..U+009F and the bidirectional
//                       overrides/isolates U+202A..U+202E, U+2066..U+2069
//                       (they reorder the rest of the line: CVE-2021-42574)
// A backslash in the input stays a single backslash (paths, \DDD zone escapes).
std::string printable(std::string_view text);

// printable(), cut to about `max_bytes` of input (never inside a UTF-8
// sequence) and ended with "..." when something was left off: for quoting an
// offending token from a file in a one-line error.
std::string printable(std::string_view text, std::size_t max_bytes);

// True when `text` is valid UTF-8 (RFC 3629: no overlong forms, no surrogates,
// nothing beyond U+10FFFF).
bool is_valid_utf8(std::string_view text) noexcept;

} // namespace sipfo::util
