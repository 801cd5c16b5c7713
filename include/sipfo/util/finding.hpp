#pragma once
// The one finding registry: every finding any subcommand reports (resolve's DNS
// and settings findings, probe's SIP findings, parse-log's root causes), with its
// stable code, level, one-line meaning, fix and source. In util because both the
// handset layer (resolve, probe) and the applog layer (parse-log) report them and
// see nothing of each other. `sipfo findings`, --help and the docs test read it;
// the codes are a contract with scripts: add at the end, never rename.

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

namespace sipfo::util {

enum class Severity { info, warning, error };
const char* severity_name(Severity severity) noexcept; // "info", "warning", "error"
std::string_view to_string(Severity severity) noexcept; // the same text

// Every finding code, in the registry's order. An enum, so a misspelt code is a
// compile error; the stable text of each is its FindingKind::code.
enum class FindingCode {
  // resolve (and probe, which resolves first): DNS and the phone's settings.
  name_missing,
  no_address,
  no_aaaa_fallback,
  srv_target_no_address, // parse-log too
  srv_target_cname,
  srv_service_unavailable,
  naptr_replacement_malformed,
  naptr_no_sip_service,
  naptr_dead_end,
  explicit_port_skips_srv, // parse-log too
  single_server,
  same_address,
  equal_priority_no_failback,
  srv_weight_zero_mixed,
  ttl_too_long_for_failover,
  serverspec_unresolved,
  naptr_walk_limit,
  static_cache_used,
  config_spelling,
  transport_unknown,
  truncated_answer,
  dns_timeout,
  dns_failure,
  dns_malformed_answer,
  dns_nxdomain_with_data,
  dns_server_unanswered,
  srv_port_zero,
  srv_target_numeric,
  static_cache_unused,
  cname_loop,
  unusable_address,
  srv_other_transport_unused,
  vendor_documents_disagree,
  // probe: what the SIP probes found.
  tls_cert_expired,
  tls_cert_not_yet_valid,
  tls_name_mismatch,
  tls_unknown_ca,
  tls_cert_invalid,
  sip_no_response,
  sip_transport_failure,
  sip_server_error,
  register_rejected,
  register_no_password,
  sip_malformed_response,
  unregister_failed,
  tls_handshake_timeout,
  tcp_connect_timeout,
  register_algorithm_unsupported,
  register_challenge_malformed,
  register_redirected,
  register_refused,
  // parse-log: the root cause of what an app.log shows.
  registered_ok,
  dns_name_missing,
  dns_records_missing,
  naptr_replacement_broken,
  transport_mismatch,
  dns_unreachable,
  negative_cache_stale,
  auth_rejected,
  user_unknown,
  server_timeout_failover,
  server_rejected,
  insufficient_logging,
  log_incomplete,
  // parse-pcap: what a capture shows that parse-log's codes do not name.
  sip_retransmit_schedule,
  server_abandoned_early,
  server_not_in_dns,
  tls_handshake_failed,
  capture_incomplete,
  capture_no_sip,
  // parse-pcap --profile: where the phone departed from its model.
  model_dns_questions,
  model_server_order,
  model_sip_timers,
  model_retry_count,
  model_registration_period,
  model_failback,
  model_retry_backoff,
};
inline constexpr std::size_t finding_code_count = 77;

// The subcommands that report findings, as bits of FindingKind::reporters.
enum class Reporter : unsigned { resolve = 1u << 0, probe = 1u << 1, parse_log = 1u << 2, parse_pcap = 1u << 3 };
constexpr unsigned operator|(Reporter a, Reporter b) noexcept
{
  return static_cast<unsigned>(a) | static_cast<unsigned>(b);
}
std::string_view reporter_name(Reporter reporter) noexcept; // "resolve", "probe", "parse-log", "parse-pcap"
inline constexpr Reporter all_reporters[] = {Reporter::resolve, Reporter::probe, Reporter::parse_log,
                                             Reporter::parse_pcap};

struct FindingKind {
  FindingCode id;
  std::string_view code;     // the JSON `code` (parse-log: `root_cause`): the enumerator's name
  Severity severity;         // its level where resolve and probe report it
  unsigned reporters;        // Reporter bits: the subcommands that can report it
  std::string_view summary;  // what it means, one line
  std::string_view fix;      // what to do about it (parse-log may word it for a log: RootCauseRule)
  // The vendor document and section it rests on (as sipfo(1) SOURCES names
  // them), an RFC, or "sipfo's assumption" where the documents are silent.
  std::string_view source;
  // parse-log's level where it differs: in a log the code is the cause of a
  // failed registration (every SRV target without an address), where resolve
  // reports one server of several. parse-pcap reads a registration's cause the
  // same way, so it reports the same level.
  Severity parse_log_severity = severity;

  bool reported_by(Reporter reporter) const noexcept { return (reporters & static_cast<unsigned>(reporter)) != 0; }
  Severity severity_in(Reporter reporter) const noexcept
  {
    return reporter == Reporter::parse_log || reporter == Reporter::parse_pcap ? parse_log_severity : severity;
  }
};

// Every finding, in FindingCode order (the order `sipfo findings` lists them).
std::span<const FindingKind> finding_kinds() noexcept;
const FindingKind& finding_kind(FindingCode code) noexcept;
// By the stable text (a Finding's code); throws std::logic_error for a code
// missing from the table (a programming error).
const FindingKind& finding_kind(std::string_view code);
// nullptr for a code no subcommand reports (user input).
const FindingKind* find_finding_kind(std::string_view code) noexcept;

// The codes of other subcommands that name the same thing as `code` (parse-log's
// dns_name_missing and resolve's name_missing): what a log shows against what
// DNS or a SIP probe shows. Symmetric; empty for most codes.
std::vector<FindingCode> same_meaning(FindingCode code);

} // namespace sipfo::util
