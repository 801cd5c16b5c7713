#include "sipfo/applog/root_cause.hpp"

#include <array>

namespace sipfo::applog {

namespace {

constexpr std::string_view dns_logging_fix =
  "set log.level.change.dns=\"1\" and log.render.level=\"0\" (Technical Bulletin CS-14-17, Troubleshooting), reboot the phone, "
  "then upload <MAC>-app.log again (keys 1-5-9)";

// applog-format.md §7; seed 000 "Parsing the Log" for the DNS chain.
constexpr std::array<RootCauseRule, 15> rules{{
  {RootCause::registered_ok, "registered_ok", Severity::info,
   "the last boot registered (a success line, or the configured name resolved and the phone used one of its "
   "addresses) with no Registration failed line",
   "the handset registered and no registration failure was logged in that boot", "nothing to do"},
  {RootCause::dns_name_missing, "dns_name_missing", Severity::error,
   "every lookup of the configured name (NAPTR, SRV, A) ends with err code 4 (NXDOMAIN), then Registration failed "
   "(480 made by the phone)",
   "the configured server name does not exist in DNS, so the phone found no server to register to",
   "create the name: its SRV records (_sip._udp.NAME) and A records for the SRV targets, or an A record for NAME"},
  {RootCause::dns_records_missing, "dns_records_missing", Severity::error,
   "the configured name exists (some lookup ends with err code 1, NODATA) but neither SRV nor A gives an address, "
   "then Registration failed (480 made by the phone)",
   "the name exists in DNS but has no SRV or A record the phone can use",
   "publish _sip._udp SRV records (and A records for their targets) or an A record for the name"},
  {RootCause::naptr_replacement_broken, "naptr_replacement_broken", Severity::error,
   "a NAPTR answer with records, the SRV lookup of its replacement fails (err code 4 or 1) and the A fallback fails",
   "the NAPTR record points to an SRV name that does not exist",
   "fix the NAPTR replacement (it must name an existing _sip._udp/_sip._tcp/_sips._tcp SRV record) or remove the "
   "NAPTR record"},
  {RootCause::srv_target_no_address, "srv_target_no_address", Severity::error,
   "an SRV answer with targets, and the A lookup of every target fails (\"found no records\")",
   "the SRV records name servers that have no A record", "add A records for the SRV targets"},
  {RootCause::explicit_port_skips_srv, "explicit_port_skips_srv", Severity::error,
   "no NAPTR or SRV lookup at all, \"Doing DNS A lookup (port N)\" with N not 0, and the A lookup of the name fails",
   "a port is configured for the server, so the phone looks up only an A record (Technical Bulletin CS-14-17, DNS Configuration, Step 1), "
   "and the name has none",
   "set the server port to 0 and transport to DNSnaptr so NAPTR and SRV are used, or add an A record for the name"},
  {RootCause::transport_mismatch, "transport_mismatch", Severity::error,
   "no NAPTR lookup; the SRV lookup for the forced transport fails and the A lookup fails while the name exists",
   "the configured transport makes the phone skip NAPTR and ask only for that transport's SRV record, which does "
   "not exist",
   "publish the SRV record for that transport (_sip._tcp, _sips._tcp) or set the transport to DNSnaptr"},
  {RootCause::dns_unreachable, "dns_unreachable", Severity::error,
   "lookups end with err code 12 (timeout), 11 (no server) or 3/6 (SERVFAIL/REFUSED) and no DNS answer was obtained",
   "the phone could not get an answer from its DNS servers",
   "check the DNS server addresses the phone uses (DHCP option 6 or tcpIpApp.dns.server), and that they answer"},
  {RootCause::negative_cache_stale, "negative_cache_stale", Severity::error,
   "the failing lookups were answered from the phone's negative cache (no query sent) within the entry's lifetime",
   "the phone reused a cached \"does not exist\" answer instead of asking DNS again",
   "wait until the negative entry expires (its TTL, 36 s in the seed) or reboot the phone after fixing DNS"},
  {RootCause::auth_rejected, "auth_rejected", Severity::error,
   "Registration failed with Error Code 401, 403 or 407 (rejected after credentials were sent)",
   "the server rejected the phone's credentials",
   "fix the line's authentication user id and password (reg.N.auth.userId, reg.N.auth.password)"},
  {RootCause::user_unknown, "user_unknown", Severity::error, "Registration failed with Error Code 404",
   "the server does not know the registering user", "create the extension on the call server or fix reg.N.address"},
  {RootCause::server_timeout_failover, "server_timeout_failover", Severity::warning,
   "a REGISTER timed out (Error Code 408 or a transaction timeout) and the phone moved on to the next candidate",
   "a call server did not answer; the phone failed over", "check the server that timed out; failover itself works"},
  {RootCause::server_rejected, "server_rejected", Severity::error,
   "Registration failed with another SIP code after a server was reached (for example 480 or 503 from the server)",
   "the call server refused the registration", "read the code and reason; check the call server's configuration"},
  {RootCause::insufficient_logging, "insufficient_logging", Severity::warning,
   "a Registration failed line whose cause the log cannot show: no dns lines of level 1-3 for a DNS failure",
   "the log does not hold the DNS detail needed to tell the cause", dns_logging_fix},
  {RootCause::log_incomplete, "log_incomplete", Severity::warning,
   "the file lacks the decisive events: a -now-app.log snapshot, a start cut in the middle of a lookup, or no "
   "registration attempt in the last boot",
   "the file does not contain the part of the log that shows what happened",
   "upload the full <MAC>-app.log (keys 1-5-9), not the -now-app.log snapshot"},
}};

} // namespace

std::string_view to_string(Severity severity) noexcept
{
  switch (severity) {
  case Severity::info: return "info";
  case Severity::warning: return "warning";
  case Severity::error: return "error";
  }
  return "error";
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
