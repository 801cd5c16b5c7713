#include "sipfo/applog/root_cause.hpp"

#include <array>

namespace sipfo::applog {

namespace {

// applog-format.md §7; Technical Bulletin CS-14-17, "Parsing the Log", for the DNS chain.
constexpr std::array<RootCauseRule, 15> rules{{
  {RootCause::registered_ok,
   "the last boot registered (a success line, or the configured name resolved and the phone used one of its "
   "addresses) with no Registration failed line"},
  {RootCause::dns_name_missing,
   "every lookup of the configured name (NAPTR, SRV, A) ends with err code 4 (NXDOMAIN), then Registration failed "
   "(480 made by the phone)"},
  {RootCause::dns_records_missing,
   "the configured name exists (some lookup ends with err code 1, NODATA) but neither SRV nor A gives an address, "
   "then Registration failed (480 made by the phone)"},
  {RootCause::naptr_replacement_broken,
   "a NAPTR answer with records, the SRV lookup of its replacement fails (err code 4 or 1) and the A fallback fails"},
  {RootCause::srv_target_no_address,
   "an SRV answer with targets, and the A lookup of every target fails (\"found no records\")",
   "add A records for the SRV targets"},
  {RootCause::explicit_port_skips_srv,
   "no NAPTR or SRV lookup at all, \"Doing DNS A lookup (port N)\" with N not 0, and the A lookup of the name fails",
   "set the server port to 0 and transport to DNSnaptr so NAPTR and SRV are used, or add an A record for the name"},
  {RootCause::transport_mismatch,
   "no NAPTR lookup; the SRV lookup for the forced transport fails and the A lookup fails while the name exists"},
  {RootCause::dns_unreachable,
   "lookups end with err code 12 (timeout), 11 (no server) or 3/6 (SERVFAIL/REFUSED) and no DNS answer was obtained"},
  {RootCause::negative_cache_stale,
   "the failing lookups were answered from the phone's negative cache (no query sent) within the entry's lifetime"},
  {RootCause::auth_rejected,
   "Registration failed with Error Code 401, 403 or 407 (rejected after credentials were sent)"},
  {RootCause::user_unknown, "Registration failed with Error Code 404"},
  {RootCause::server_timeout_failover,
   "a REGISTER timed out (Error Code 408 or a transaction timeout) and the phone moved on to the next candidate"},
  {RootCause::server_rejected,
   "Registration failed with another SIP code after a server was reached (for example 480 or 503 from the server)"},
  {RootCause::insufficient_logging,
   "a Registration failed line whose cause the log cannot show: no dns lines of level 1-3 for a DNS failure"},
  {RootCause::log_incomplete,
   "the file lacks the decisive events: a -now-app.log snapshot, a start cut in the middle of a lookup, or no "
   "registration attempt in the last boot"},
}};

} // namespace

util::FindingCode finding_code(RootCause cause) noexcept
{
  using util::FindingCode;
  switch (cause) {
  case RootCause::registered_ok: return FindingCode::registered_ok;
  case RootCause::dns_name_missing: return FindingCode::dns_name_missing;
  case RootCause::dns_records_missing: return FindingCode::dns_records_missing;
  case RootCause::naptr_replacement_broken: return FindingCode::naptr_replacement_broken;
  case RootCause::srv_target_no_address: return FindingCode::srv_target_no_address;
  case RootCause::explicit_port_skips_srv: return FindingCode::explicit_port_skips_srv;
  case RootCause::transport_mismatch: return FindingCode::transport_mismatch;
  case RootCause::dns_unreachable: return FindingCode::dns_unreachable;
  case RootCause::negative_cache_stale: return FindingCode::negative_cache_stale;
  case RootCause::auth_rejected: return FindingCode::auth_rejected;
  case RootCause::user_unknown: return FindingCode::user_unknown;
  case RootCause::server_timeout_failover: return FindingCode::server_timeout_failover;
  case RootCause::server_rejected: return FindingCode::server_rejected;
  case RootCause::insufficient_logging: return FindingCode::insufficient_logging;
  case RootCause::log_incomplete: return FindingCode::log_incomplete;
  }
  return FindingCode::log_incomplete;
}

std::span<const RootCauseRule> root_cause_rules() noexcept { return rules; }

const RootCauseRule& rule_of(RootCause cause) noexcept
{
  for (const RootCauseRule& rule : rules) {
    if (rule.cause == cause) return rule;
  }
  return rules.back();
}

} // namespace sipfo::applog
