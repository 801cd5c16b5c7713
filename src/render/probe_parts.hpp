#pragma once
// Pieces the probe renderers share (text table, JSON, --watch transitions).

#include "sipfo/render/probe_report.hpp"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <string_view>

namespace sipfo::render::probe_parts {

// "P1:1" for a PIVOT serverspec list (CS-18-09's SIP status screen), "1:10"
// (try order:SRV priority) for the other profiles.
std::string preference_text(const ProbeRun& run, const probe::CandidateReport& candidate);

// "10.0.0.1:5060/udp", "[::1]:5060/tcp"; "nosuch.test:5060/udp" for a name
// that did not resolve.
std::string server_text(const probe::CandidateReport& candidate);

// "* up" for the active candidate (CS-18-09 marks it with an asterisk), "up" otherwise.
std::string status_cell(probe::Status status, bool active);
// The same with why a target was not probed: "unknown (interrupted)".
std::string status_cell(const probe::CandidateReport& candidate);

// {code, reason, rtt_ms, local, retry_after_s, sends, credentials_sent}; null when not probed.
nlohmann::json exchange_json(const std::optional<probe::Exchange>& exchange);

// The candidate's resolve fields (when the resolution has them) and its probe
// results: status, active, options, register, unregister, certificate.
nlohmann::json candidate_json(const ProbeRun& run, std::size_t index);

// Server-supplied text (reason phrases, certificate subjects) made safe for a
// terminal by util::printable (controls and invalid UTF-8 shown escaped); more
// than `limit` bytes are cut with "...". The JSON keeps the text as received (escaped by the encoder).
std::string printable(std::string_view text, std::size_t limit = 80);

// "2026-01-02T03:04:05Z".
std::string utc_text(std::chrono::system_clock::time_point at);

} // namespace sipfo::render::probe_parts
