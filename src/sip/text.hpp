#pragma once
// Small text helpers shared by the SIP parsers (private to the sip layer).

#include <string_view>
#include <utility>
#include <vector>

namespace sipfo::sip::detail {

// Without leading and trailing spaces and tabs.
std::string_view trim(std::string_view text) noexcept;

// `text` split at `separator` where it is not inside a "quoted string" (with
// backslash escapes, RFC 3261 25.1) or <angle brackets>; each part trimmed.
// Always at least one (possibly empty) part.
std::vector<std::string_view> split_outside_quotes(std::string_view text, char separator);
// The first of those parts, without splitting the rest.
std::string_view first_outside_quotes(std::string_view text, char separator) noexcept;
// Where `separator` next occurs at or after `from` outside quotes and brackets; npos when it does not.
std::size_t find_outside_quotes(std::string_view text, char separator, std::size_t from) noexcept;

// "name=value" -> {name, value}, both trimmed; no '=': {text, ""}.
std::pair<std::string_view, std::string_view> split_param(std::string_view text) noexcept;

// The content of a quoted string with escapes undone; unquoted text as is.
std::string unquote(std::string_view text);

} // namespace sipfo::sip::detail
