#pragma once
// Findings: what in DNS or in the phone's settings is wrong or worth knowing. The
// codes are stable (scripts match on them); the table below is the one registry
// the code, --help and the man page are made from.

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace sipfo::handset {

enum class Severity { info, warning, error };
const char* severity_name(Severity severity) noexcept; // "info", "warning", "error"

// Every finding code, in the registry's order. An enum, so a misspelt code is a
// compile error; the stable text of each is its FindingKind::code.
enum class FindingCode {
  name_missing,
  no_address,
  no_aaaa_fallback,
  srv_target_no_address,
  srv_target_cname,
  srv_service_unavailable,
  naptr_replacement_malformed,
  naptr_no_sip_service,
  naptr_dead_end,
  explicit_port_skips_srv,
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
};
inline constexpr std::size_t finding_code_count = 51;

struct FindingKind {
  FindingCode id;
  std::string_view code;     // stable, snake_case (the enumerator's name)
  Severity severity;
  std::string_view summary;  // one line, for --help and the man page
  std::string_view fix;      // what to do about it
};

// Every finding sipfo can report, in the order the man page lists them.
std::span<const FindingKind> finding_kinds() noexcept;
const FindingKind& finding_kind(FindingCode code) noexcept;
// By the stable text (a Finding's code); throws std::logic_error for a code
// missing from the table (a programming error).
const FindingKind& finding_kind(std::string_view code);

struct Finding {
  std::string code;
  Severity severity = Severity::info;
  std::string message;  // what is wrong here, with names and numbers
  std::string record;   // the record or setting at fault, in zone-file syntax; may be empty
};

// A finding of a registered kind, with the kind's severity.
Finding make_finding(FindingCode code, std::string message, std::string record = {});

} // namespace sipfo::handset
