#pragma once
// The options that set what an SBC's ACL looks at (design §4): --source
// ADDR[:PORT], --from URI, --user-agent TEXT. Each is checked before any packet
// goes out; a bad one is util::InputError (exit 3).

#include "sipfo/sip/connection.hpp"

#include <string>
#include <string_view>

namespace sipfo::cli {

// "127.0.0.5", "127.0.0.5:5060", "::1", "[::1]:5060": an address of this
// machine (bound once to be sure), and a port, 0 when not given.
sip::SourceAddress parse_source_option(std::string_view text);

// A sip: or sips: URI with nothing that could end the header or the <...>
// around it (no controls, blanks, '<' or '>'), at most 256 bytes. Returns it.
std::string check_from_option(std::string_view text);

// Printable text (UTF-8 allowed, no controls: a CR or LF would add headers),
// 1 to 256 bytes. Returns it.
std::string check_user_agent_option(std::string_view text);

} // namespace sipfo::cli
