#include "resolution_steps.hpp"

#include "sipfo/handset/server_setting.hpp"
#include "sipfo/util/duration.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <set>

namespace sipfo::handset {

namespace {

const dns::SrvData& srv_of(const dns::Record& record)
{
  return std::get<dns::SrvData>(record.data);
}

std::vector<dns::RrType> address_types(AddressFamilies families)
{
  // IPv6 first where both are used: RFC 6724's default policy prefers it.
  if (families == AddressFamilies::aaaa_and_a) return {dns::RrType::aaaa, dns::RrType::a};
  return {dns::RrType::a};
}

struct Addresses {
  std::vector<std::string> list;
  std::vector<dns::Record> cnames;
  dns::Outcome outcome = dns::Outcome::nxdomain; // best outcome over the families asked
};

// Asks the address records of every name at once; one entry per name.
std::vector<Addresses> lookup_addresses(const std::vector<std::string>& names, AddressFamilies families,
                                        const std::string& why, QueryTrace& trace)
{
  std::vector<dns::Question> questions;
  std::vector<std::string> purposes;
  const auto types = address_types(families);
  for (const auto& name : names) {
    for (auto type : types) {
      questions.push_back(dns::Question{name, type});
      purposes.push_back(why);
    }
  }
  auto lookups = trace.ask_all(questions, purposes);
  std::vector<Addresses> out(names.size());
  for (std::size_t i = 0; i < lookups.size(); ++i) {
    auto& entry = out[i / types.size()];
    const auto& lookup = lookups[i];
    for (const auto& record : lookup.data) entry.list.push_back(std::get<dns::AddressData>(record.data).address);
    if (entry.cnames.empty()) entry.cnames = lookup.cnames;
    // NOERROR beats NODATA beats NXDOMAIN beats failures: the name's best evidence.
    auto rank = [](dns::Outcome o) {
      switch (o) {
      case dns::Outcome::noerror: return 0;
      case dns::Outcome::nodata: return 1;
      case dns::Outcome::nxdomain: return 2;
      default: return 3;
      }
    };
    if (i % types.size() == 0 || rank(lookup.outcome) < rank(entry.outcome)) entry.outcome = lookup.outcome;
  }
  return out;
}

void add_finding_once(Resolution& resolution, Finding finding)
{
  for (const auto& existing : resolution.findings) {
    if (existing.code == finding.code && existing.message == finding.message) return;
  }
  resolution.findings.push_back(std::move(finding));
}

// The name has no address record the handset asks for. For an A-only handset,
// sipfo asks AAAA itself (marked as its own question) to tell "no address at all"
// from "IPv6 only, which this handset ignores".
void report_no_address(const std::string& name, QueryTrace& trace, Resolution& resolution, const StepRules& rules)
{
  if (rules.families == AddressFamilies::a_only) {
    const auto v6 = trace.ask({name, dns::RrType::aaaa}, "sipfo's check: does the name have IPv6 addresses only?",
                              Asker::sipfo);
    if (v6.has_data()) {
      resolution.findings.push_back(make_finding(
        "no_aaaa_fallback",
        fmt::format("{} has only AAAA records ({}); this handset asks for A records and finds no server",
                    dns::absolute_name(name), std::get<dns::AddressData>(v6.data.front().data).address),
        dns::record_text(v6.data.front())));
      return;
    }
  }
  resolution.findings.push_back(make_finding(
    "no_address", fmt::format("{} exists but has no {} record: the phone finds no server", dns::absolute_name(name),
                              rules.families == AddressFamilies::a_only ? "A" : "A or AAAA")));
}

std::string srv_record_line(const dns::Record& record)
{
  return dns::record_text(record);
}

} // namespace

Transport transport_for(TransportSetting setting) noexcept
{
  switch (setting) {
  case TransportSetting::tls: return Transport::tls;
  case TransportSetting::tcp:
  case TransportSetting::tcp_preferred: return Transport::tcp;
  case TransportSetting::naptr:
  case TransportSetting::udp: return Transport::udp;
  }
  return Transport::udp;
}

Candidate literal_candidate(const std::string& address, std::uint16_t port, Transport transport)
{
  Candidate c;
  c.address = strip_brackets(address);
  c.port = port != 0 ? port : default_port(transport);
  c.transport = transport;
  c.origin = Origin::literal;
  c.target = c.address;
  return c;
}

std::vector<Candidate> candidates_from_srv(const Lookup& srv, Transport transport, QueryTrace& trace,
                                           Resolution& resolution, const StepRules& rules)
{
  std::mt19937_64 unused;
  auto records = ordered_srv(srv.data, rules.srv_order, rules.random != nullptr ? *rules.random : unused);

  // RFC 2782: a single record with target "." means the service is not offered.
  if (records.size() == 1 && dns::same_name(srv_of(records.front()).target, ".")) {
    resolution.findings.push_back(make_finding(
      "srv_service_unavailable",
      fmt::format("{} has a single SRV record with target \".\": the service is declared not available",
                  srv.question.name),
      srv_record_line(records.front())));
    return {};
  }
  std::erase_if(records, [](const dns::Record& r) { return dns::same_name(srv_of(r).target, "."); });

  std::vector<std::string> targets;
  for (const auto& record : records) {
    const auto& target = srv_of(record).target;
    if (std::none_of(targets.begin(), targets.end(), [&](const auto& t) { return dns::same_name(t, target); })) {
      targets.push_back(target);
    }
  }
  const auto addresses = lookup_addresses(
    targets, rules.families, fmt::format("address of an SRV target of {}", srv.question.name), trace);
  auto addresses_of = [&](const std::string& target) -> const Addresses& {
    for (std::size_t i = 0; i < targets.size(); ++i) {
      if (dns::same_name(targets[i], target)) return addresses[i];
    }
    return addresses.front(); // unreachable: every target was asked
  };

  std::vector<Candidate> candidates;
  std::set<std::string> reported;
  for (const auto& record : records) {
    const auto& data = srv_of(record);
    const auto& found = addresses_of(data.target);
    const std::string key = dns::absolute_name(data.target);
    if (!found.cnames.empty() && reported.insert("cname " + key).second) {
      resolution.findings.push_back(make_finding(
        "srv_target_cname",
        fmt::format("SRV target {} is a CNAME for {} (RFC 2782 requires the canonical name)", data.target,
                    std::get<dns::NameData>(found.cnames.back().data).name),
        dns::record_text(found.cnames.front())));
    }
    if (found.list.empty() && reported.insert("noaddr " + key).second) {
      resolution.findings.push_back(make_finding(
        "srv_target_no_address",
        fmt::format("SRV target {} has no address ({}), so the server at priority {} is skipped", data.target,
                    dns::outcome_name(found.outcome), data.priority),
        srv_record_line(record)));
    }
    for (const auto& address : found.list) {
      Candidate c;
      c.address = address;
      c.port = data.port;
      c.transport = transport;
      c.priority = data.priority;
      c.weight = data.weight;
      c.target = dns::absolute_name(data.target);
      c.origin = Origin::srv;
      c.srv_name = dns::absolute_name(srv.question.name);
      candidates.push_back(std::move(c));
    }
  }
  return candidates;
}

std::vector<Candidate> candidates_from_name(const std::string& name, std::uint16_t port, Transport transport,
                                            const std::string& purpose, QueryTrace& trace, Resolution& resolution,
                                            const StepRules& rules)
{
  const auto found = lookup_addresses({dns::absolute_name(name)}, rules.families, purpose, trace).front();
  std::vector<Candidate> candidates;
  for (const auto& address : found.list) {
    Candidate c;
    c.address = address;
    c.port = port != 0 ? port : default_port(transport);
    c.transport = transport;
    c.target = dns::absolute_name(name);
    c.origin = Origin::a;
    candidates.push_back(std::move(c));
  }
  if (candidates.empty() && found.outcome == dns::Outcome::nxdomain) {
    resolution.findings.push_back(
      make_finding("name_missing", fmt::format("{} does not exist (NXDOMAIN): the phone finds no server",
                                               dns::absolute_name(name))));
  } else if (candidates.empty() && found.outcome == dns::Outcome::nodata) {
    report_no_address(dns::absolute_name(name), trace, resolution, rules);
  }
  return candidates;
}

namespace {

// A configured DNS server that gave nothing back while a later one answered
// (issue: a dead first server). The phone asks its servers in the same order
// (sipfo's assumption: the documents do not say how the handsets use a second
// DNS server), so it waits this long on every lookup before the next server.
void report_unanswering_servers(Resolution& resolution)
{
  struct Misses {
    std::size_t count = 0;
    std::chrono::microseconds longest{0};
    dns::Outcome outcome = dns::Outcome::timeout;
    std::set<std::string> answered_by;
  };
  std::map<std::string, Misses> by_server;
  std::vector<std::string> order;
  std::size_t asked = 0;
  for (const auto& query : resolution.queries) {
    const auto& answer = query.answer;
    if (answer.carrier != dns::Carrier::udp && answer.carrier != dns::Carrier::tcp) continue;
    ++asked;
    for (const auto& miss : answer.missed) {
      auto [it, added] = by_server.try_emplace(miss.source);
      if (added) order.push_back(miss.source);
      ++it->second.count;
      it->second.longest = std::max(it->second.longest, miss.waited);
      it->second.outcome = miss.outcome;
      it->second.answered_by.insert(answer.source);
    }
  }
  for (const auto& server : order) {
    const auto& misses = by_server.at(server);
    const auto waited = util::format_duration(std::chrono::duration_cast<std::chrono::milliseconds>(misses.longest));
    // A closed port answers at once (ICMP); a host that is down or drops the
    // packets costs the whole per-server timeout on every lookup.
    const auto cost = misses.outcome == dns::Outcome::unreachable
                        ? fmt::format("asks it first on each lookup; its port is closed, which cost {} here, but a "
                                      "server that is down or drops DNS costs a whole timeout per lookup",
                                      waited)
                        : fmt::format("waits {} on each lookup before it asks the next server", waited);
    resolution.findings.push_back(make_finding(
      "dns_server_unanswered",
      fmt::format("DNS server {} gave no answer ({}) to {} of {} queries, which {} answered instead: a phone with "
                  "the same server list {}",
                  server, dns::outcome_name(misses.outcome), misses.count, asked,
                  fmt::join(misses.answered_by, ", "), cost)));
  }
}

} // namespace

void finish_resolution(Resolution& resolution, Ranking ranking)
{
  if (ranking == Ranking::try_order) {
    int rank = 1;
    for (auto& candidate : resolution.candidates) candidate.rank = rank++;
  }

  for (const auto& query : resolution.queries) {
    const auto& answer = query.answer;
    const auto what = fmt::format("{} {}", dns::rr_type_name(answer.question.type), answer.question.name);
    if (answer.truncated) {
      add_finding_once(resolution, make_finding("truncated_answer",
                                                fmt::format("the UDP answer to {} ({} bytes) was truncated; "
                                                            "sipfo asked again over TCP",
                                                            what, answer.size)));
    }
    switch (answer.outcome) {
    case dns::Outcome::timeout:
      add_finding_once(resolution, make_finding("dns_timeout", fmt::format("no answer to {} from {}", what,
                                                                           answer.source)));
      break;
    case dns::Outcome::servfail:
    case dns::Outcome::refused:
    case dns::Outcome::unreachable:
      add_finding_once(resolution, make_finding("dns_failure", fmt::format("{} for {} from {}",
                                                                           dns::outcome_name(answer.outcome), what,
                                                                           answer.source)));
      break;
    case dns::Outcome::malformed:
      add_finding_once(resolution, make_finding("dns_malformed_answer",
                                                fmt::format("{} from {}: {}", what, answer.source, answer.problem)));
      break;
    default: break;
    }
    if (answer.outcome == dns::Outcome::nxdomain && !answer.problem.empty()) {
      add_finding_once(resolution, make_finding("dns_nxdomain_with_data",
                                                fmt::format("{} from {}: {}", what, answer.source, answer.problem)));
    }
  }
  report_unanswering_servers(resolution);

  const auto& candidates = resolution.candidates;
  if (candidates.size() == 1) {
    resolution.findings.push_back(make_finding(
      "single_server", fmt::format("{} is the only candidate: nothing to fail over to", endpoint_text(candidates[0]))));
  } else if (candidates.size() > 1) {
    const bool one_address = std::all_of(candidates.begin(), candidates.end(),
                                         [&](const Candidate& c) { return c.address == candidates[0].address; });
    if (one_address) {
      resolution.findings.push_back(make_finding(
        "same_address", fmt::format("all {} candidates are {}: failing over lands on the same server",
                                    candidates.size(), candidates[0].address)));
    }
    std::set<std::string> srv_targets;
    std::set<std::uint16_t> priorities;
    for (const auto& c : candidates) {
      if (c.origin != Origin::srv) continue;
      srv_targets.insert(c.address + ":" + std::to_string(c.port));
      priorities.insert(c.priority);
    }
    const bool reported = std::any_of(resolution.findings.begin(), resolution.findings.end(),
                                      [](const Finding& f) { return f.code == "equal_priority_no_failback"; });
    if (srv_targets.size() > 1 && priorities.size() == 1 && !one_address && !reported &&
        resolution.rank_style == RankStyle::try_order) {
      resolution.findings.push_back(make_finding(
        "equal_priority_no_failback",
        fmt::format("all {} SRV candidates have priority {}: the phone balances load and does not fail back",
                    srv_targets.size(), *priorities.begin())));
    }
  }

  std::vector<std::string> from_static;
  for (const auto& query : resolution.queries) {
    if (query.answer.carrier != dns::Carrier::static_cache) continue;
    from_static.push_back(fmt::format("{} {}", dns::rr_type_name(query.answer.question.type), query.answer.question.name));
  }
  if (!from_static.empty()) {
    resolution.findings.push_back(make_finding(
      "static_cache_used", fmt::format("{} answer(s) came from the phone's static DNS cache, not from DNS: {}",
                                       from_static.size(), fmt::join(from_static, ", "))));
  }

  // A record a phone caches for longer than this keeps it on a server the admin
  // has moved away from: DNS-driven failover and failback wait for the TTL.
  constexpr std::uint32_t failover_ttl_limit = 3600;
  for (const auto& query : resolution.queries) {
    if (query.asked_by != Asker::handset || query.answer.carrier == dns::Carrier::static_cache) continue;
    for (const auto& record : query.answer.data()) {
      if (record.ttl > failover_ttl_limit) {
        add_finding_once(resolution,
                         make_finding("ttl_too_long_for_failover",
                                      fmt::format("{} {} has TTL {} s: a change in DNS reaches phones only after up "
                                                  "to {}",
                                                  record.owner, dns::rr_type_name(record.type), record.ttl,
                                                  util::format_duration(std::chrono::seconds(record.ttl))),
                                      dns::record_text(record)));
        break;
      }
    }
  }

  // weight 0 beside non-zero weights at one priority (RFC 2782: chosen very rarely).
  for (const auto& query : resolution.queries) {
    std::map<std::uint16_t, std::pair<int, int>> zero_and_nonzero;
    for (const auto& record : query.answer.data()) {
      if (!std::holds_alternative<dns::SrvData>(record.data)) continue;
      auto& counts = zero_and_nonzero[srv_of(record).priority];
      (srv_of(record).weight == 0 ? counts.first : counts.second)++;
    }
    for (const auto& [priority, counts] : zero_and_nonzero) {
      if (counts.first > 0 && counts.second > 0) {
        add_finding_once(resolution, make_finding("srv_weight_zero_mixed",
                                                  fmt::format("{} mixes weight 0 with non-zero weights at priority {}",
                                                              query.answer.question.name, priority)));
      }
    }
  }
}

} // namespace sipfo::handset
