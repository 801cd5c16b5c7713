#pragma once
// Everything one target's probes found, before the status rules are applied.

#include "sipfo/probe/exchange.hpp"
#include "sipfo/probe/target.hpp"
#include "sipfo/sip/certificate_check.hpp"

#include <optional>
#include <string>

namespace sipfo::probe {

// Why a target has no complete result; its status is then `unknown`.
enum class NotProbed {
  no,          // probed to the end
  no_address,  // its name did not resolve: nothing to send to
  interrupted, // Ctrl-C (or SIGTERM) came before its probes ended
};

// "" for no, "no address", "interrupted": the note beside `unknown`.
const char* not_probed_note(NotProbed reason) noexcept;

struct TargetResult {
  Target target;
  NotProbed not_probed = NotProbed::no;
  std::optional<Exchange> options;         // nullopt: not probed
  std::optional<Exchange> registration;    // nullopt: no --user
  std::optional<Exchange> unregistration;  // bind mode: removing the probe Contact
  std::optional<sip::CertificateCheck> certificate; // TLS targets that got a certificate
  int ignored_messages = 0;                // malformed or unmatched responses (RFC 3261 18.1.2)
  std::string last_ignored;                // why the last one was ignored
};

} // namespace sipfo::probe
