#include "sipfo/applog/diagnoser.hpp"

#include "sipfo/applog/attempt_chain.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>

namespace sipfo::applog {

namespace {

using Lines = std::vector<std::uint64_t>;

void add_line(Lines& lines, std::uint64_t line)
{
  if (line != 0) lines.push_back(line);
}

void finish_lines(Lines& lines)
{
  std::sort(lines.begin(), lines.end());
  lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
}

std::string describe_lookup(const DnsLookup& lookup)
{
  std::string text = fmt::format("{} {}: {}", to_string(lookup.type), lookup.name, to_string(lookup.outcome));
  if (lookup.error_code >= 0) text += fmt::format(" (err code {})", lookup.error_code);
  return text;
}

std::string join_lookups(const std::vector<const DnsLookup*>& lookups)
{
  std::string text;
  for (const DnsLookup* lookup : lookups) {
    if (!text.empty()) text += "; ";
    text += describe_lookup(*lookup);
  }
  return text;
}

Diagnosis make(RootCause cause, std::string message, Lines lines, std::string missing = {})
{
  finish_lines(lines);
  return Diagnosis{cause, std::move(message), std::move(lines), std::move(missing)};
}

// The related lookups that reached a result (or a cache answer).
std::vector<const DnsLookup*> decided_lookups(const Attempt& attempt)
{
  std::vector<const DnsLookup*> decided;
  for (const DnsLookup& lookup : attempt.lookups) {
    if (lookup.related && lookup.outcome != DnsOutcome::pending) decided.push_back(&lookup);
  }
  return decided;
}

bool any_of(const std::vector<const DnsLookup*>& lookups, const std::function<bool(const DnsLookup&)>& test)
{
  return std::any_of(lookups.begin(), lookups.end(), [&](const DnsLookup* l) { return test(*l); });
}

std::vector<const DnsLookup*> select(const std::vector<const DnsLookup*>& lookups,
                                     const std::function<bool(const DnsLookup&)>& test)
{
  std::vector<const DnsLookup*> out;
  for (const DnsLookup* l : lookups) {
    if (test(*l)) out.push_back(l);
  }
  return out;
}

bool failed(const DnsLookup& l) { return l.outcome != DnsOutcome::answered && l.outcome != DnsOutcome::pending; }

Lines evidence_of(const std::vector<const DnsLookup*>& lookups, const SipFailure& failure, const Attempt& attempt)
{
  Lines lines;
  for (const DnsLookup* lookup : lookups) add_line(lines, lookup->result_line);
  add_line(lines, attempt.no_address_line);
  add_line(lines, failure.line);
  return lines;
}

std::optional<Diagnosis> diagnose_missing_detail(const Attempt& attempt, const SipFailure& failure,
                                                 const DiagnosisContext& context)
{
  Lines lines;
  add_line(lines, attempt.naptr_empty_line);
  add_line(lines, attempt.no_address_line);
  add_line(lines, failure.line);
  if (attempt.starts_mid_chain || (context.snapshot && context.dns_detail_so_far > 0)) {
    return make(RootCause::log_incomplete,
                fmt::format("Registration failed with {} {}, but the start of this attempt's DNS chain is not in the "
                            "file",
                            failure.code, failure.reason),
                std::move(lines), "the attempt's first lookups (NAPTR/SRV/A start lines)");
  }
  const std::string name = attempt.configured_name.empty() ? std::string("the server name") : attempt.configured_name;
  return make(RootCause::insufficient_logging,
              fmt::format("Registration failed with {} {}: the phone found no address for {}, but the log has no "
                          "DNS detail to tell a missing name from an unreachable DNS server",
                          failure.code, failure.reason, name),
              std::move(lines), "dns lines of level 1-3 (lookups, err codes, answers)");
}

std::optional<Diagnosis> diagnose_dns(const Attempt& attempt, const SipFailure& failure, const DiagnosisContext& context)
{
  const auto decided = decided_lookups(attempt);
  if (decided.empty()) return diagnose_missing_detail(attempt, failure, context);
  const auto failures = select(decided, failed);
  const std::string& name = attempt.configured_name;

  if (attempt.starts_mid_chain) {
    return make(RootCause::log_incomplete,
                fmt::format("the file starts inside this attempt's DNS chain; what is visible: {}",
                            join_lookups(failures)),
                evidence_of(failures, failure, attempt), "the attempt's first lookups");
  }
  const auto from_negative_cache = select(failures, [](const DnsLookup& l) { return l.outcome == DnsOutcome::negative_cache; });
  if (!from_negative_cache.empty()) {
    Lines lines = evidence_of(from_negative_cache, failure, attempt);
    for (const DnsLookup* l : from_negative_cache) add_line(lines, l->negative_source_line);
    std::string before;
    if (context.previous_failure != nullptr) {
      before = fmt::format(" (the earlier failure: {})", rule_of(context.previous_failure->cause).code());
    }
    return make(RootCause::negative_cache_stale,
                fmt::format("no DNS query was sent: {} answered from the phone's negative cache{}",
                            join_lookups(from_negative_cache), before),
                std::move(lines));
  }
  const bool got_answer = any_of(decided, [](const DnsLookup& l) {
    return l.outcome == DnsOutcome::answered || is_negative_answer(l.outcome);
  });
  const auto server_problems = select(failures, [](const DnsLookup& l) { return is_server_problem(l.outcome); });
  if (!server_problems.empty() && !got_answer) {
    return make(RootCause::dns_unreachable,
                fmt::format("the DNS server gave no answer: {}", join_lookups(server_problems)),
                evidence_of(server_problems, failure, attempt));
  }
  auto of_type = [&](RecordType type) {
    return select(decided, [type](const DnsLookup& l) { return l.type == type; });
  };
  const auto naptr = of_type(RecordType::naptr);
  const auto srv = of_type(RecordType::srv);
  const auto a_name = select(decided, [&](const DnsLookup& l) { return l.type == RecordType::a && same_name(l.name, name); });
  const auto a_targets = select(decided, [&](const DnsLookup& l) { return l.type == RecordType::a && !same_name(l.name, name); });
  const bool srv_ok = any_of(srv, [](const DnsLookup& l) { return l.outcome == DnsOutcome::answered; }) || !attempt.srv_to_a.empty();
  const bool naptr_ok = any_of(naptr, [](const DnsLookup& l) { return l.outcome == DnsOutcome::answered; });
  const auto srv_failed = select(srv, failed);
  const auto a_name_failed = select(a_name, failed);

  if (srv_ok && !any_of(a_targets, [](const DnsLookup& l) { return !l.addresses.empty(); })) {
    Lines lines = evidence_of(select(a_targets, failed), failure, attempt);
    for (const DnsLookup* l : srv) add_line(lines, l->result_line);
    return make(RootCause::srv_target_no_address,
                fmt::format("the SRV answer names targets, but none has an address: {}",
                            a_targets.empty() ? std::string("no A answer logged for them") : join_lookups(a_targets)),
                std::move(lines));
  }
  if (naptr_ok && !srv_failed.empty() && !srv_ok) {
    Lines lines = evidence_of(srv_failed, failure, attempt);
    for (const DnsLookup* l : naptr) add_line(lines, l->result_line);
    for (const DnsLookup* l : a_name_failed) add_line(lines, l->result_line);
    return make(RootCause::naptr_replacement_broken,
                fmt::format("the NAPTR record of {} answered, but the SRV name it points to fails: {}", name,
                            join_lookups(srv_failed)),
                std::move(lines));
  }
  const bool no_naptr = naptr.empty() && std::none_of(attempt.lookups.begin(), attempt.lookups.end(), [](const DnsLookup& l) {
                          return l.type == RecordType::naptr;
                        });
  const bool all_nxdomain = !failures.empty() && std::all_of(failures.begin(), failures.end(), [](const DnsLookup* l) {
                              return l->outcome == DnsOutcome::nxdomain;
                            });
  const bool name_exists = any_of(a_name_failed, [](const DnsLookup& l) { return l.outcome == DnsOutcome::nodata; });
  if (no_naptr && srv.empty() && !a_name_failed.empty() && (attempt.explicit_port > 0 || name_exists)) {
    const std::string port = attempt.explicit_port > 0 ? fmt::format("port {}", attempt.explicit_port)
                                                       : std::string("a configured port");
    Lines lines = evidence_of(a_name_failed, failure, attempt);
    add_line(lines, attempt.a_step_line);
    return make(RootCause::explicit_port_skips_srv,
                fmt::format("with {} the phone asked only for the A record of {} (no NAPTR, no SRV), and that fails: {}",
                            port, name, join_lookups(a_name_failed)),
                std::move(lines));
  }
  if (no_naptr && !srv_failed.empty() && !a_name_failed.empty() && name_exists) {
    const Transport transport = transport_from(srv_failed.front()->name);
    Lines lines = evidence_of(srv_failed, failure, attempt);
    for (const DnsLookup* l : a_name_failed) add_line(lines, l->result_line);
    return make(RootCause::transport_mismatch,
                fmt::format("the transport is forced to {} (no NAPTR lookup), its SRV record {} is missing, and {} "
                            "has no A record",
                            transport_name(transport), srv_failed.front()->name, name),
                std::move(lines));
  }
  if (all_nxdomain) {
    return make(RootCause::dns_name_missing,
                fmt::format("{} does not exist in DNS: {}", name.empty() ? std::string("the server name") : name,
                            join_lookups(failures)),
                evidence_of(failures, failure, attempt));
  }
  if (any_of(failures, [](const DnsLookup& l) { return is_negative_answer(l.outcome); })) {
    return make(RootCause::dns_records_missing,
                fmt::format("{} has no SRV or A record the phone can use: {}", name, join_lookups(failures)),
                evidence_of(failures, failure, attempt));
  }
  return make(RootCause::insufficient_logging,
              fmt::format("the lookups of {} have no result lines that explain the failure", name),
              evidence_of(failures, failure, attempt), "the lookups' result lines (dns level 3)");
}

bool is_dns_failure(const Attempt& attempt, const SipFailure& failure)
{
  if (attempt.no_address_line != 0) return true;
  if (failure.code != 480 && failure.code != 0) return false;
  const bool has_address = std::any_of(attempt.candidates.begin(), attempt.candidates.end(),
                                       [](const Candidate& c) { return !c.address.empty(); });
  return !has_address;
}

Diagnosis diagnose_failure(const Attempt& attempt, const SipFailure& failure, const DiagnosisContext& context)
{
  Lines lines{failure.line};
  const std::string server = failure.server.empty() ? std::string() : " from " + failure.server;
  switch (failure.code) {
  case 401:
  case 403:
  case 407:
    return make(RootCause::auth_rejected,
                fmt::format("the server answered {} {}{} for user {}", failure.code, failure.reason, server, failure.user),
                lines);
  case 404:
    return make(RootCause::user_unknown,
                fmt::format("the server answered 404 {}{}: it does not know user {}", failure.reason, server, failure.user),
                lines);
  case 408: {
    for (const SipFailure& other : attempt.failures) {
      if (other.code == 408) add_line(lines, other.line);
    }
    add_line(lines, attempt.success_line);
    const std::string to = attempt.outcome == Outcome::registered
                             ? fmt::format("; the phone then registered to {}", attempt.active)
                             : std::string("; no other server accepted it");
    return make(RootCause::server_timeout_failover,
                fmt::format("a REGISTER{} got no answer (408){}", failure.server.empty() ? "" : " to " + failure.server, to),
                lines);
  }
  default: break;
  }
  if (is_dns_failure(attempt, failure)) {
    if (auto dns = diagnose_dns(attempt, failure, context)) return *dns;
  }
  return make(RootCause::server_rejected,
              fmt::format("the server refused the registration: {} {}{}", failure.code, failure.reason, server), lines);
}

Diagnosis diagnose_success(const Attempt& attempt)
{
  Lines lines;
  add_line(lines, attempt.chain_done_line);
  add_line(lines, attempt.success_line);
  std::string how = attempt.success_inferred
                      ? fmt::format("{} resolved and the phone used {} (no SIP line confirms the registration)",
                                    attempt.configured_name, attempt.active)
                      : fmt::format("registered to {}", attempt.active.empty() ? std::string("the server") : attempt.active);
  return make(RootCause::registered_ok, std::move(how), std::move(lines));
}

const Attempt* last_with_outcome(const Boot& boot)
{
  const Attempt* last = nullptr;
  for (const Attempt& attempt : boot.attempts) {
    if (attempt.outcome == Outcome::unknown) continue;
    if (last == nullptr || last_outcome_line(attempt) >= last_outcome_line(*last)) last = &attempt;
  }
  return last;
}

const Diagnosis* last_failure(const Boot& boot)
{
  const Diagnosis* found = boot.last_dropped_failure ? &*boot.last_dropped_failure : nullptr;
  std::uint64_t at = 0;
  for (const Attempt& attempt : boot.attempts) {
    if (attempt.failures.empty() || !attempt.diagnosis) continue;
    if (attempt.failures.back().line >= at) {
      at = attempt.failures.back().line;
      found = &*attempt.diagnosis;
    }
  }
  return found;
}

Diagnosis diagnose_unknown(const Boot& boot, const LogStats& stats)
{
  Lines lines;
  if (boot.attempts.empty()) {
    add_line(lines, boot.ready_line);
    return make(RootCause::log_incomplete,
                fmt::format("no registration attempt is logged in this boot (lines {}-{})", boot.first_line, boot.last_line),
                std::move(lines), "a \"Sip Register\" line or the DNS lookups of the server name");
  }
  const Attempt& attempt = boot.attempts.back();
  add_line(lines, attempt.register_line);
  add_line(lines, attempt.first_line);
  if (stats.dns_detail == 0) {
    return make(RootCause::insufficient_logging,
                "the log shows the registration start but neither its DNS chain nor its result",
                std::move(lines), "dns lines of level 1-3 and a registration result");
  }
  return make(RootCause::log_incomplete,
              fmt::format("the last attempt (line {}) has no result in the file", attempt.first_line), std::move(lines),
              "the attempt's result (Registration failed, or the server address in use)");
}

} // namespace

std::optional<Diagnosis> diagnose_attempt(const Attempt& attempt, const DiagnosisContext& context)
{
  if (!attempt.failures.empty()) return diagnose_failure(attempt, attempt.failures.back(), context);
  if (attempt.outcome == Outcome::registered) return diagnose_success(attempt);
  return std::nullopt;
}

void close_boot(Boot& boot, const LogStats& stats)
{
  const Attempt* last = last_with_outcome(boot);
  boot.outcome = last == nullptr ? Outcome::unknown : last->outcome;
  if (const Diagnosis* failure = last_failure(boot)) {
    // Registered after a problem keeps the problem as the root cause (§7).
    boot.diagnosis = *failure;
    if (boot.outcome == Outcome::unknown) boot.outcome = Outcome::failed;
  } else if (last != nullptr && last->diagnosis) {
    boot.diagnosis = *last->diagnosis;
  } else {
    boot.diagnosis = diagnose_unknown(boot, stats);
  }
}

void decide_verdict(FileReport& report)
{
  report.failure_in_file = report.failed_boots_dropped > 0;
  for (const Boot& boot : report.boots) {
    if (boot.failures > 0) report.failure_in_file = true;
  }
  if (report.error) {
    report.exit_status = util::ExitStatus::unknown;
    return;
  }
  if (report.boots.empty()) {
    report.outcome = Outcome::unknown;
    report.exit_status = util::ExitStatus::unknown;
    return;
  }
  const Boot& boot = report.boots.back();
  report.outcome = boot.outcome;
  report.diagnosis = boot.diagnosis;
  for (const Attempt& attempt : boot.attempts) {
    if (!attempt.candidates.empty()) report.candidates = attempt.candidates;
    if (attempt.outcome == Outcome::registered) report.active = attempt.active;
  }
  if (boot.outcome != Outcome::registered) report.active.clear();
  switch (report.outcome) {
  case Outcome::registered:
    report.exit_status = report.failure_in_file ? util::ExitStatus::warning : util::ExitStatus::ok;
    break;
  case Outcome::failed: report.exit_status = util::ExitStatus::critical; break;
  case Outcome::unknown: report.exit_status = util::ExitStatus::unknown; break;
  }
}

} // namespace sipfo::applog
