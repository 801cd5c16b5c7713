#pragma once
// The diagnosis rules: a registry with stable codes (applog-format.md §7). The man
// page's ROOT CAUSES table is tested against this table, and --json/--help use the
// same codes. Add new causes at the end; never rename a code.

#include <span>
#include <string_view>

namespace sipfo::applog {

enum class RootCause {
  registered_ok,
  dns_name_missing,
  dns_records_missing,
  naptr_replacement_broken,
  srv_target_no_address,
  explicit_port_skips_srv,
  transport_mismatch,
  dns_unreachable,
  negative_cache_stale,
  auth_rejected,
  user_unknown,
  server_timeout_failover,
  server_rejected,
  insufficient_logging,
  log_incomplete,
};

enum class Severity { info, warning, error };
std::string_view to_string(Severity severity) noexcept;

struct RootCauseRule {
  RootCause cause;
  std::string_view code;        // stable snake_case id
  Severity severity;
  std::string_view evidence;    // what the log must show for this rule
  std::string_view explanation; // what it means, in one sentence
  std::string_view fix;         // what to do
};

// Every rule, in the order the man page lists them.
std::span<const RootCauseRule> root_cause_rules() noexcept;

// The rule of `cause` (every enumerator has one).
const RootCauseRule& rule_of(RootCause cause) noexcept;

} // namespace sipfo::applog
