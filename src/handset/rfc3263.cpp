// Plain RFC 3263 ("Locating SIP Servers"), the baseline the handset profiles are
// compared with. Section numbers below are RFC 3263's unless said otherwise.
//
// Where RFC 3263 leaves a choice to the client, the choice is written into
// Resolution::decisions, and only when this result depended on it.

#include "profile_functions.hpp"

#include "naptr_rules.hpp"
#include "query_trace.hpp"
#include "resolution_steps.hpp"

#include "sipfo/util/ip_literal.hpp"
#include "sipfo/util/suggest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>

namespace sipfo::handset {

namespace {

// The walk asks the SRV names of at most this many NAPTR records (distinct
// replacements), all together, so a zone of hundreds of NAPTR records whose SRV
// names never answer costs one timeout, not one per record (issue 16). Kamailio
// stops at 32 (MAX_NAPTR_RRS); RFC 3263 asks for three (SIP+D2T, SIP+D2U, SIPS+D2T).
constexpr std::size_t max_naptr_followed = 8;

// 4.1: a SIPS URI (here: transport tls, from "sips:" or --transport tls) keeps
// only SIPS services; a SIP URI keeps SIPS too, "if the client supports TLS",
// which sipfo does.
bool service_kept(Transport transport, bool sips) noexcept
{
  return !sips || transport == Transport::tls;
}

// 4.1: without NAPTR, SRV for each transport the client supports; "_sips" for a
// SIPS URI (only TLS over TCP then). The order among transports is the client's
// choice ("The client MAY use any transport protocol it desires which is supported
// by the server"): sipfo lists TLS, TCP, UDP, the order of the RFC's own NAPTR example.
std::vector<Transport> supported_transports(bool sips)
{
  if (sips) return {Transport::tls};
  return {Transport::tls, Transport::tcp, Transport::udp};
}

struct NaptrStep {
  dns::Record record;
  std::string srv_name;
  Transport transport = Transport::udp;
};

// The NAPTR records the client uses (4.1): flags "S", a supported SIP service,
// SIPS only for a SIPS URI; in order and preference (RFC 3403 4.1), each SRV name once.
std::vector<NaptrStep> usable_naptr(const Lookup& naptr, bool sips)
{
  std::vector<NaptrStep> steps;
  std::set<std::string> seen;
  for (const auto& record : ordered_naptr(naptr.data)) {
    const auto& data = std::get<dns::NaptrData>(record.data);
    const auto transport = sip_service_transport(data.service);
    const bool terminal_srv = data.flags == "s" || data.flags == "S";
    if (!terminal_srv || !transport || !service_kept(*transport, sips)) continue;
    auto srv_name = dns::absolute_name(data.replacement);
    if (!seen.insert(util::to_lower(srv_name)).second) continue;
    steps.push_back({record, std::move(srv_name), *transport});
  }
  return steps;
}

struct Walk {
  bool found_srv = false; // some SRV name gave records: stop here (design §3)
  std::size_t productive = 0; // NAPTR records that gave candidates
  bool dead_end = false;
};

// 4.1: every usable NAPTR record in order and preference; one whose SRV name
// gives nothing is passed over for the next. Candidates of all of them are
// listed, in that order: the later ones are where the client fails over to.
Walk follow_naptr(const std::string& name, bool sips, QueryTrace& trace, Resolution& out, const StepRules& rules)
{
  Walk walk;
  const auto naptr = trace.ask({name, dns::RrType::naptr}, "NAPTR first: no transport and no port (RFC 3263 4.1)");
  if (!naptr.has_data()) return walk;
  report_malformed_replacements(naptr.data, out);
  auto steps = usable_naptr(naptr, sips);
  if (steps.empty()) {
    out.findings.push_back(make_finding(
      handset::FindingCode::naptr_no_sip_service,
      fmt::format("{} has NAPTR records but none with flags \"S\" and a {} service", name,
                  sips ? "SIPS (SIPS+D2T) service, which a sips: target requires" : "supported SIP (SIP+D2U, SIP+D2T, SIPS+D2T)")));
    return walk;
  }
  if (steps.size() > max_naptr_followed) {
    out.findings.push_back(make_finding(
      handset::FindingCode::naptr_walk_limit,
      fmt::format("{} has {} usable NAPTR records; sipfo follows the first {} by order and preference and ignores {}",
                  name, steps.size(), max_naptr_followed, steps.size() - max_naptr_followed),
      dns::record_text(steps[max_naptr_followed].record)));
    out.decisions.push_back(fmt::format(
      "NAPTR walk bounded at {} records, their SRV names asked together (sipfo's assumption: RFC 3263 4.1 sets no "
      "limit; Kamailio stops at 32)",
      max_naptr_followed));
    steps.resize(max_naptr_followed);
  }

  std::vector<dns::Question> questions;
  std::vector<std::string> purposes;
  for (const auto& step : steps) {
    questions.push_back({step.srv_name, dns::RrType::srv});
    purposes.push_back(fmt::format("SRV at the NAPTR replacement ({})",
                                   std::get<dns::NaptrData>(step.record.data).service));
  }
  const auto lookups = trace.ask_all(questions, purposes);
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (!lookups[i].has_data()) {
      walk.dead_end = true;
      out.findings.push_back(make_finding(
        handset::FindingCode::naptr_dead_end,
        fmt::format("NAPTR points at {} but it has no SRV records ({}); the next NAPTR record is used",
                    steps[i].srv_name, dns::outcome_name(lookups[i].outcome)),
        dns::record_text(steps[i].record)));
      continue;
    }
    walk.found_srv = true;
    auto found = candidates_from_srv(lookups[i], steps[i].transport, trace, out, rules);
    if (!found.empty()) ++walk.productive;
    std::move(found.begin(), found.end(), std::back_inserter(out.candidates));
  }
  return walk;
}

// 4.1: "If no NAPTR records are found, the client constructs SRV queries for
// those transport protocols it supports, and does a query for each ... A
// particular transport is supported if the query is successful." Every transport
// that answers gives candidates, in the client's order of preference.
bool follow_srv(const std::string& name, const std::vector<Transport>& transports, const std::string& why,
                QueryTrace& trace, Resolution& out, const StepRules& rules, std::size_t& answered)
{
  std::vector<dns::Question> questions;
  std::vector<std::string> purposes;
  for (auto transport : transports) {
    questions.push_back({srv_name_for(transport, name), dns::RrType::srv});
    purposes.push_back(why);
  }
  const auto lookups = trace.ask_all(questions, purposes);
  answered = 0;
  for (std::size_t i = 0; i < lookups.size(); ++i) {
    if (!lookups[i].has_data()) continue;
    ++answered;
    auto found = candidates_from_srv(lookups[i], transports[i], trace, out, rules);
    std::move(found.begin(), found.end(), std::back_inserter(out.candidates));
  }
  return answered > 0; // design §3: SRV records found but no target resolves: stop
}

// 4.1: no transport and no port (or a SIPS target): NAPTR first, keeping the SIPS
// services for SIPS; without a usable NAPTR, SRV for each supported transport.
// False when no SRV record was found at all (then address records, 4.2).
bool resolve_without_transport(const std::string& name, bool sips, QueryTrace& trace, Resolution& out,
                               const StepRules& rules)
{
  const auto walk = follow_naptr(name, sips, trace, out, rules);
  if (walk.dead_end && walk.productive > 0) {
    out.decisions.emplace_back("a NAPTR record whose SRV name gives nothing is passed over for the next one "
                               "(sipfo's assumption: RFC 3263 4.1 describes only the most preferred record)");
  }
  if (walk.productive > 1) {
    out.decisions.emplace_back("candidates of every NAPTR record are listed, in order and preference, the later "
                               "ones as failover (sipfo's assumption, as Kamailio does: RFC 3263 4.1 names only "
                               "\"the most preferred transport protocol of the server\")");
  }
  if (walk.found_srv) return true; // design §3: SRV records found but no target resolves: stop
  std::size_t answered = 0;
  const bool found = follow_srv(name, supported_transports(sips),
                                sips ? "SRV _sips._tcp: a SIPS target without NAPTR (RFC 3263 4.1)"
                                     : "SRV for each supported transport (RFC 3263 4.1)",
                                trace, out, rules, answered);
  if (answered > 1) {
    out.decisions.emplace_back("without NAPTR, the transports whose SRV answered are listed TLS, TCP, UDP "
                               "(sipfo's assumption: RFC 3263 4.1 says \"The client MAY use any transport "
                               "protocol it desires which is supported by the server\")");
  }
  return found;
}

// True when one SRV priority level of one SRV name held two or more targets that
// gave candidates: only then did the RFC 2782 draw decide an order.
bool weighted_draw_mattered(const std::vector<Candidate>& candidates)
{
  std::map<std::pair<std::string, std::uint16_t>, std::set<std::string>> targets;
  for (const auto& c : candidates) {
    if (c.origin == Origin::srv) targets[{c.srv_name, c.priority}].insert(util::to_lower(c.target));
  }
  return std::any_of(targets.begin(), targets.end(), [](const auto& entry) { return entry.second.size() > 1; });
}

// True when one name gave both IPv6 and IPv4 addresses: only then did the family
// order decide which is tried first.
bool family_order_mattered(const std::vector<Candidate>& candidates)
{
  std::map<std::string, std::pair<bool, bool>> families;
  for (const auto& c : candidates) {
    auto& f = families[c.srv_name + "|" + util::to_lower(c.target)];
    (c.address.find(':') != std::string::npos ? f.first : f.second) = true;
  }
  return std::any_of(families.begin(), families.end(),
                     [](const auto& entry) { return entry.second.first && entry.second.second; });
}

// The client's own choices that this result depended on (RFC 3263 leaves them open).
void add_decisions(Resolution& out, std::uint64_t seed, bool seeded)
{
  if (weighted_draw_mattered(out.candidates)) {
    out.decisions.push_back(fmt::format("equal SRV priorities: RFC 2782 weighted random draw, seed {}{}", seed,
                                        seeded ? "" : " (pass --seed to repeat it)"));
  }
  if (family_order_mattered(out.candidates)) {
    out.decisions.emplace_back("a name with both AAAA and A records: IPv6 first (sipfo's assumption: RFC 3263 4.2 "
                               "says only \"an A or AAAA record lookup\"; RFC 6724 prefers IPv6)");
  }
}

} // namespace

Resolution resolve_rfc3263(const ServerSetting& setting, dns::Resolver& resolver, const ProfileOptions& options)
{
  Resolution out;
  const std::uint64_t seed = options.seed.value_or(std::random_device{}());
  std::mt19937_64 random(seed);
  const StepRules rules{SrvOrder::weighted_random, AddressFamilies::aaaa_and_a, &random};

  const Transport transport = transport_for(setting.transport);
  // "sips:" and --transport tls both mean a SIPS target here.
  const bool sips = setting.transport == TransportSetting::tls;
  if (util::is_ip_literal(setting.address, util::Brackets::allowed)) {
    // 4.1: a numeric IP is used as is: UDP for SIP, TLS over TCP for SIPS, default port (4.2).
    out.candidates.push_back(literal_candidate(setting.address, setting.port, transport));
    finish_resolution(out);
    return out;
  }
  const std::string name = dns::absolute_name(setting.address);
  QueryTrace trace(resolver, out);
  bool done = false;
  if (setting.port != 0) {
    // 4.2: an explicit port means address records only.
    out.candidates = candidates_from_name(name, setting.port, transport,
                                          fmt::format("address only: port {} is explicit (RFC 3263 4.2)", setting.port), trace,
                                          out, rules);
    done = true;
  } else if (setting.transport == TransportSetting::naptr || sips) {
    done = resolve_without_transport(name, sips, trace, out, rules);
  } else {
    // 4.1/4.2: an explicit transport: SRV for that transport only.
    std::vector<Transport> transports{transport};
    if (setting.transport == TransportSetting::tcp_preferred) transports.push_back(Transport::udp);
    std::size_t answered = 0;
    done = follow_srv(name, transports, "SRV for the given transport (RFC 3263 4.2)", trace, out, rules, answered);
  }
  if (!done) {
    // 4.1/4.2: no SRV records: address records of the name, "UDP for a SIP URI"
    // and TLS for SIPS, at the default port.
    out.candidates = candidates_from_name(name, 0, transport, "address records: no SRV (RFC 3263 4.2)", trace, out, rules);
  }
  add_decisions(out, seed, options.seed.has_value());
  finish_resolution(out);
  return out;
}

} // namespace sipfo::handset
