#pragma once
// `sipfo probe` output: pure functions from a probe run to text, JSON, a Nagios
// status line, and the transitions `--watch` prints (design §2, §4). The
// current time is a parameter, so every string is reproducible in tests.

#include "sipfo/check/probe_thresholds.hpp"
#include "sipfo/handset/resolution.hpp"
#include "sipfo/handset/server_setting.hpp"
#include "sipfo/probe/probe_settings.hpp"
#include "sipfo/probe/report.hpp"
#include "sipfo/util/exit_status.hpp"

#include <chrono>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace sipfo::render {

// What was probed and how, for the header line and the JSON `input`/`settings`.
struct ProbeInput {
  std::string spec;    // SPEC as typed; empty when the targets came from --target / --targets-file
  std::string profile; // profile id; empty with --target
  handset::ServerSetting setting;  // meaningful with a SPEC only
  std::vector<std::string> targets; // --target / --targets-file entries as written
  std::string dns_source;           // Resolver::describe(); empty when DNS was not asked
  std::string user;                 // --user; empty: OPTIONS only. Never a password.
  // What an SBC's ACL looks at, as given; empty: sipfo's default (the address
  // the system picks, From sip:sipfo@<local address>, User-Agent sipfo/<version>).
  std::string source;     // --source ADDR[:PORT]
  std::string from_uri;   // --from URI (checked: no password in it)
  std::string user_agent; // --user-agent TEXT
  probe::RegisterMode register_mode = probe::RegisterMode::query;
  std::chrono::milliseconds t1{500};      // RFC 3261 T1
  std::chrono::milliseconds timer_f{32000}; // RFC 3261 Timer F actually used
  check::ProbeThresholds thresholds;        // -w/-c, for the Nagios perfdata
};

struct ProbeRun {
  ProbeInput input;
  // Queries, candidates and findings (resolve's, then the probe's). The
  // candidates are in the same order as probe.candidates, one for one.
  handset::Resolution resolution;
  probe::ProbeReport probe;
  util::ExitStatus exit_status = util::ExitStatus::unknown;
};

// "2/2 up, active 10.0.0.1:5060/udp" or "0/2 up, no active server": the gist
// the verdict, the Nagios line and --watch share.
std::string probe_summary(const probe::ProbeReport& report);

// "200 OK", "503 Service Unavailable (server, Retry-After 30 s)",
// "503 (local: connection refused)", "-" when not probed.
std::string exchange_text(const std::optional<probe::Exchange>& exchange);

// The PIVOT-style candidate table (rank:priority, server, status with `*` for
// the active one, each probe's answer and round-trip time), the findings and
// a verdict line.
std::string probe_text(const ProbeRun& run, bool color);
// probe_text in two parts, for a terminal that shows the header before the
// probes end: the header (what is probed, how; known before any probe), and
// the rest (table, findings, verdict). probe_text = header + "\n" + results.
std::string probe_header_text(const ProbeRun& run);
std::string probe_results_text(const ProbeRun& run, bool color);

// The documented JSON document (man sipfo-probe, OUTPUT).
std::string probe_json(const ProbeRun& run);

// The Monitoring Plugins guidelines' output (render/nagios.hpp): `SIP WARNING -
// 1/3 up (2 down), active 10.0.0.1:5060/udp; 10.0.0.2:5060/udp down, ... |
// 'up'=1;2:;1:;0;3 'down'=2;;;0;3 ... 'rtt_10.0.0.1:5060/udp'=12ms;;;0`, then one
// line per candidate, the thresholds crossed and the findings.
std::string probe_nagios(const ProbeRun& run);

// The OpenMetrics text exposition (also valid Prometheus text format, which
// node_exporter's textfile collector reads): gauges sipfo_up, sipfo_active,
// sipfo_rtt_seconds and sipfo_register_status, one sample per candidate
// labelled target ("10.0.0.1:5060"), transport and rank, then `# EOF`.
std::string probe_openmetrics(const ProbeRun& run);

// A change of one candidate between two rounds of --watch.
struct Transition {
  std::size_t index = 0;                // into ProbeRun::probe.candidates
  std::optional<probe::Status> from;    // nullopt: first round
  bool was_active = false;
  probe::Status to = probe::Status::unknown;
  bool is_active = false;
};

// Candidates whose status or active mark changed from `before` to `after`
// (same targets, same order); every candidate when `before` is null.
std::vector<Transition> probe_transitions(const probe::ProbeReport* before, const probe::ProbeReport& after);

// One line per transition, then the summary: `2026-01-02T03:04:05Z  P1:1
// 10.0.0.1:5060/udp  * up -> down  OPTIONS 408 (local: ...)`. `at` is UTC.
std::string transitions_text(const ProbeRun& run, std::span<const Transition> transitions,
                             std::chrono::system_clock::time_point at, bool color);

// --json-lines: one JSON object per transition, each on one line.
std::string transitions_json_lines(const ProbeRun& run, std::span<const Transition> transitions,
                                   std::chrono::system_clock::time_point at, int round);

} // namespace sipfo::render
