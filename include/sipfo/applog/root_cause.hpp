#pragma once
// The diagnosis rules of parse-log (applog-format.md §7). Each cause is a code of
// the one finding registry (sipfo/util/finding.hpp), which holds its stable
// text, level, meaning, fix and source; here is what a log must show for it. The
// man page's ROOT CAUSES table is tested against this table. Add new causes at
// the end; never rename a code.

#include "sipfo/util/finding.hpp"

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

using util::Severity;
using util::to_string;

// The registry's code of a cause. A switch without a default, so a cause added
// without its code fails to compile (-Wswitch, -Werror).
util::FindingCode finding_code(RootCause cause) noexcept;

struct RootCauseRule {
  RootCause cause;
  std::string_view evidence; // what the log must show for this rule
  // The fix as parse-log words it where a log needs other words than the
  // registry's (resolve's fix names one SRV target, a log shows them all);
  // empty: the registry's.
  std::string_view log_fix = {};

  const util::FindingKind& kind() const noexcept { return util::finding_kind(finding_code(cause)); }
  std::string_view code() const noexcept { return kind().code; }
  Severity severity() const noexcept { return kind().severity_in(util::Reporter::parse_log); }
  std::string_view fix() const noexcept { return log_fix.empty() ? kind().fix : log_fix; }
};

// Every rule, in the order the man page lists them.
std::span<const RootCauseRule> root_cause_rules() noexcept;

// The rule of `cause` (every enumerator has one).
const RootCauseRule& rule_of(RootCause cause) noexcept;

} // namespace sipfo::applog
