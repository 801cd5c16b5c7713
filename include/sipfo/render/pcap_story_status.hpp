#pragma once
// What one phone's story of parse-pcap comes to: its exit status and the
// headline words, decided in one place so the text, the JSON and the command's
// exit status never disagree. A verdict never reads clean while an error-level
// finding stands: a phone that registered beside a failed TLS handshake is
// "REGISTERED with errors" and exits 2.

#include "sipfo/util/exit_status.hpp"
#include "sipfo/util/finding.hpp"
#include "sipfo/wire/capture_story.hpp"

#include <optional>
#include <string>

namespace sipfo::render {

// The worst severity among the phone's findings; nullopt when it has none.
std::optional<util::Severity> worst_severity(const wire::PhoneStory& phone) noexcept;

// 0 registered and no warning or error finding; 1 recovered, or registered with
// a warning; 2 failed, or any error-level finding; 3 no REGISTER in the capture
// (nothing of its registration can be told) unless an error-level finding stands.
util::ExitStatus phone_status(const wire::PhoneStory& phone) noexcept;

// The worst phone's status; 3 when the capture holds no phone (no SIP at all).
util::ExitStatus capture_status(const wire::CaptureStory& story) noexcept;

// JSON's `verdict`: "registered", "recovered", "failed", "no_registration", "unfinished".
const char* verdict_code(wire::PhoneVerdict verdict) noexcept;

// "REGISTERED", "REGISTERED with warnings", "REGISTERED with errors",
// "RECOVERED", "RECOVERED with errors", "FAILED", "NO REGISTRATION".
std::string verdict_words(const wire::PhoneStory& phone);

// The server the phone is registered with at the end of the capture: the last
// visit's, when its last REGISTER succeeded.
std::optional<wire::ServerVisit> registered_visit(const wire::PhoneStory& phone);

} // namespace sipfo::render
