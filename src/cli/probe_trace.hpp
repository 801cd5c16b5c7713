#pragma once
// `sipfo probe --sip-trace` (-v): every SIP message as it was sent or received,
// each under a `;;` line with the time, direction, transport, source and
// destination, the way sipsak -vv and sngrep show them. Written to stderr, so
// stdout keeps the result in whatever format was asked (--json | jq works with
// a trace running); `2>&1` merges the two in time order.

#include "sipfo/probe/message_trace.hpp"

#include <chrono>
#include <string>

namespace sipfo::cli {

// One traced message: the metadata line, then each line of the message made
// safe for a terminal (util::printable: a hostile server's ESC cannot drive
// it), then a blank line. A TCP/TLS request handed over before the connection
// is open reads "queued": it leaves once the connection is up. `at` is the wall-clock time, printed in UTC.
// Headers are shown as they are: the Authorization header carries the digest
// response, a hash, never the password (RFC 7616 3.4.1).
std::string trace_text(const probe::TracedMessage& message, std::chrono::system_clock::time_point at, bool color);

} // namespace sipfo::cli
