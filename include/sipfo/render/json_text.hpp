#pragma once
// The one way sipfo turns a JSON document into text. File names, config values,
// DNS data and SIP reasons may hold bytes that are not UTF-8; nlohmann's default
// dump() throws type_error.316 on them ("internal error" and exit 3 for a valid
// run). Every JSON writer calls json_text(), which replaces each invalid byte
// sequence with U+FFFD (RFC 8259 8.1 requires UTF-8) and never throws.

#include <nlohmann/json_fwd.hpp>

#include <string>

namespace sipfo::render {

// `indent` as nlohmann::json::dump: -1 = one line, N = pretty with N spaces.
// No trailing newline.
std::string json_text(const nlohmann::json& document, int indent = -1);

} // namespace sipfo::render
