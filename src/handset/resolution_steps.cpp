#include "resolution_steps.hpp"

#include "sipfo/handset/preference.hpp"
#include "sipfo/handset/server_setting.hpp"
#include "sipfo/util/duration.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <unordered_map>
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
                                        const std::string& why, QueryTrace& trace, bool one_by_one = false)
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
  std::vector<Lookup> lookups;
  if (one_by_one) {
    lookups.reserve(questions.size());
    for (std::size_t i = 0; i < questions.size(); ++i) lookups.push_back(trace.ask(questions[i], purposes[i]));
  } else {
    lookups = trace.ask_all(questions, purposes);
  }
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
        handset::FindingCode::no_aaaa_fallback,
        fmt::format("{} has only AAAA records ({}); this handset asks for A records and finds no server",
                    dns::absolute_name(name), std::get<dns::AddressData>(v6.data.front().data).address),
        dns::record_text(v6.data.front())));
      return;
    }
  }
  resolution.findings.push_back(make_finding(
    handset::FindingCode::no_address, fmt::format("{} exists but has no {} record: the phone finds no server", dns::absolute_name(name),
                              rules.families == AddressFamilies::a_only ? "A" : "A or AAAA")));
}

std::string srv_record_line(const dns::Record& record)
{
  return dns::record_text(record);
}

// dns::same_name compares without case and without the root dot: one key for both.
std::string name_key(std::string_view name)
{
  std::string key(name);
  if (!key.empty() && key.back() == '.') key.pop_back();
  std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return key;
}

std::string without_root_dot(std::string_view name)
{
  std::string out(name);
  if (out.size() > 1 && out.back() == '.') out.pop_back();
  return out;
}

bool is_numeric_target(std::string_view target)
{
  const auto bare = without_root_dot(target);
  in_addr v4{};
  return inet_pton(AF_INET, bare.c_str(), &v4) == 1;
}

const char* rules_port_zero_basis(const StepRules& rules)
{
  return rules.port_zero_port != 0 ? "Server Redundancy on Yealink IP Phones, Server Domain Name Resolution: \"If no "
                                     "port is found through the DNS query, 5060 will be used\""
                                   : "Technical Bulletin CS-14-17, DNS Configuration, Step 1: none found through DNS "
                                     "mechanisms: 5060 for TCP or UDP, 5061 for TLS; sipfo reads port 0 as none";
}

// Design §3 "equal priorities (load balancing: no failback)", decided by the one
// function replay uses too (has_preferred_server), so resolve and replay agree.
void report_no_preferred_server(Resolution& resolution, const Preference& preference)
{
  if (resolution.rank_style != RankStyle::try_order) return; // PIVOT reports its own pools
  const bool reported = std::any_of(resolution.findings.begin(), resolution.findings.end(),
                                    [](const Finding& f) { return f.code == "equal_priority_no_failback"; });
  if (reported) return;
  const auto servers = ranked_servers(resolution.candidates);
  std::set<std::string> distinct;
  for (const auto& s : servers) distinct.insert(s.server);
  if (distinct.size() < 2 || has_preferred_server(servers, preference.rule)) return;
  const auto& first = resolution.candidates.front();
  const std::string weights = preference.rule == PreferenceRule::priority_then_weight
                                ? fmt::format(" and weight {}", first.weight)
                                : std::string(" (RFC 2782: the weight is a random draw)");
  resolution.findings.push_back(make_finding(
    handset::FindingCode::equal_priority_no_failback,
    fmt::format("all {} SRV candidates have priority {}{}: the phone balances load and does not fail back{}",
                distinct.size(), first.priority, weights,
                preference.basis.empty() ? std::string() : fmt::format(" ({})", preference.basis))));
}


// 0.0.0.0, the broadcast address and multicast groups cannot be a registrar
// (RFC 1122 3.2.1.3; RFC 1112; RFC 4291 2.7): such a candidate is dropped with a
// finding, an error when nothing usable is left.
void drop_unusable_addresses(Resolution& resolution)
{
  auto& candidates = resolution.candidates;
  std::vector<Finding> found;
  std::set<std::string> reported;
  std::erase_if(candidates, [&](const Candidate& c) {
    const auto why = unusable_address_reason(c.address);
    if (!why) return false;
    if (reported.insert(c.address).second) {
      found.push_back(make_finding(handset::FindingCode::unusable_address,
                                   fmt::format("{} ({}, from {}) is {}: no SIP server can be reached there, so it is "
                                               "not a candidate",
                                               c.address, origin_name(c.origin), c.target, *why),
                                   c.origin == Origin::literal ? c.address : fmt::format("{} A {}", c.target, c.address)));
    }
    return true;
  });
  for (auto& f : found) {
    if (candidates.empty()) f.severity = Severity::error;
    resolution.findings.push_back(std::move(f));
  }
}

} // namespace

std::optional<std::string> unusable_address_reason(std::string_view address)
{
  const auto bare = strip_brackets(address);
  in_addr v4{};
  if (inet_pton(AF_INET, bare.c_str(), &v4) == 1) {
    const std::uint32_t ip = ntohl(v4.s_addr);
    if (ip == 0) return std::string("the unspecified address 0.0.0.0");
    if (ip == 0xffffffffU) return std::string("the limited broadcast address");
    if ((ip >> 28) == 0xe) return std::string("a multicast address (224.0.0.0/4)");
    return std::nullopt;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, bare.c_str(), &v6) == 1) {
    if (v6.s6_addr[0] == 0xff) return std::string("a multicast address (ff00::/8)");
    if (std::all_of(std::begin(v6.s6_addr), std::end(v6.s6_addr), [](std::uint8_t b) { return b == 0; })) {
      return std::string("the unspecified address ::");
    }
  }
  return std::nullopt;
}

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
      handset::FindingCode::srv_service_unavailable,
      fmt::format("{} has a single SRV record with target \".\": the service is declared not available",
                  srv.question.name),
      srv_record_line(records.front())));
    return {};
  }
  std::erase_if(records, [](const dns::Record& r) { return dns::same_name(srv_of(r).target, "."); });

  // SRV port 0: nothing can be sent there (issue 10 class 3).
  std::vector<dns::Record> kept;
  kept.reserve(records.size());
  for (auto& record : records) {
    if (srv_of(record).port != 0) {
      kept.push_back(std::move(record));
      continue;
    }
    if (rules.port_zero == SrvPortZero::skip) {
      add_finding_once(resolution, make_finding(handset::FindingCode::srv_port_zero,
                                                fmt::format("SRV record of {} has port 0: nothing can be sent to port "
                                                            "0, so the record is skipped",
                                                            srv.question.name),
                                                srv_record_line(record)));
      continue;
    }
    const auto port = rules.port_zero_port != 0 ? rules.port_zero_port : default_port(transport);
    add_finding_once(resolution, make_finding(handset::FindingCode::srv_port_zero,
                                              fmt::format("SRV record of {} has port 0: no port is found through "
                                                          "DNS, so the phone uses {} ({})",
                                                          srv.question.name, port, rules_port_zero_basis(rules)),
                                              srv_record_line(record)));
    std::get<dns::SrvData>(record.data).port = port;
    kept.push_back(std::move(record));
  }
  records = std::move(kept);

  // Each distinct target once, in record order; hashed so 100k records stay linear.
  std::vector<std::string> targets;
  std::unordered_map<std::string, std::size_t> target_index;
  std::vector<std::size_t> record_target(records.size());
  for (std::size_t i = 0; i < records.size(); ++i) {
    const auto& target = srv_of(records[i]).target;
    const auto [it, fresh] = target_index.emplace(name_key(target), targets.size());
    if (fresh) targets.push_back(target);
    record_target[i] = it->second;
  }
  // A numeric target ("127.0.0.85.") is an address, not a name to ask A for
  // (Yealink Appendix A: "If the Target is not a numeric IP address, the IP phone
  // performs an A query").
  std::vector<std::string> to_ask;
  std::vector<std::size_t> asked_index(targets.size(), 0);
  std::vector<bool> numeric(targets.size(), false);
  for (std::size_t i = 0; i < targets.size(); ++i) {
    numeric[i] = rules.numeric_target == NumericTarget::use_directly && is_numeric_target(targets[i]);
    if (numeric[i]) continue;
    asked_index[i] = to_ask.size();
    to_ask.push_back(targets[i]);
  }
  const auto asked = lookup_addresses(to_ask, rules.families,
                                      fmt::format("address of an SRV target of {}", srv.question.name), trace,
                                      rules.targets_one_by_one);
  std::vector<Addresses> addresses(targets.size());
  for (std::size_t i = 0; i < targets.size(); ++i) {
    if (numeric[i]) {
      add_finding_once(resolution,
                       make_finding(handset::FindingCode::srv_target_numeric,
                                    fmt::format("SRV target {} of {} is a numeric address: used as is, without an A "
                                                "query (RFC 2782 asks for a host name)",
                                                targets[i], srv.question.name)));
      addresses[i].list.push_back(without_root_dot(targets[i]));
      addresses[i].outcome = dns::Outcome::noerror;
    } else {
      addresses[i] = asked[asked_index[i]];
    }
  }

  std::vector<Candidate> candidates;
  std::set<std::string> reported;
  for (std::size_t r = 0; r < records.size(); ++r) {
    const auto& record = records[r];
    const auto& data = srv_of(record);
    const auto& found = addresses[record_target[r]];
    const std::string key = dns::absolute_name(data.target);
    if (!found.cnames.empty() && reported.insert("cname " + key).second) {
      resolution.findings.push_back(make_finding(
        handset::FindingCode::srv_target_cname,
        fmt::format("SRV target {} is a CNAME for {} (RFC 2782 requires the canonical name)", data.target,
                    std::get<dns::NameData>(found.cnames.back().data).name),
        dns::record_text(found.cnames.front())));
    }
    if (found.list.empty() && reported.insert("noaddr " + key).second) {
      resolution.findings.push_back(make_finding(
        handset::FindingCode::srv_target_no_address,
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
      make_finding(handset::FindingCode::name_missing, fmt::format("{} does not exist (NXDOMAIN): the phone finds no server",
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
      handset::FindingCode::dns_server_unanswered,
      fmt::format("DNS server {} gave no answer ({}) to {} of {} queries, which {} answered instead: a phone with "
                  "the same server list {}",
                  server, dns::outcome_name(misses.outcome), misses.count, asked,
                  fmt::join(misses.answered_by, ", "), cost)));
  }
}

} // namespace

void finish_resolution(Resolution& resolution, Ranking ranking, const Preference& preference)
{
  drop_unusable_addresses(resolution);
  if (ranking == Ranking::try_order) {
    int rank = 1;
    for (auto& candidate : resolution.candidates) candidate.rank = rank++;
  }

  for (const auto& query : resolution.queries) {
    const auto& answer = query.answer;
    const auto what = fmt::format("{} {}", dns::rr_type_name(answer.question.type), answer.question.name);
    if (answer.truncated) {
      add_finding_once(resolution, make_finding(handset::FindingCode::truncated_answer,
                                                fmt::format("the UDP answer to {} ({} bytes) was truncated; "
                                                            "sipfo asked again over TCP",
                                                            what, answer.size)));
    }
    switch (answer.outcome) {
    case dns::Outcome::timeout:
      add_finding_once(resolution, make_finding(handset::FindingCode::dns_timeout, fmt::format("no answer to {} from {}", what,
                                                                           answer.source)));
      break;
    case dns::Outcome::servfail:
    case dns::Outcome::refused:
    case dns::Outcome::unreachable:
      add_finding_once(resolution, make_finding(handset::FindingCode::dns_failure, fmt::format("{} for {} from {}",
                                                                           dns::outcome_name(answer.outcome), what,
                                                                           answer.source)));
      break;
    case dns::Outcome::malformed:
      add_finding_once(resolution, make_finding(handset::FindingCode::dns_malformed_answer,
                                                fmt::format("{} from {}: {}", what, answer.source, answer.problem)));
      break;
    default: break;
    }
    if (answer.outcome == dns::Outcome::nxdomain && !answer.problem.empty()) {
      add_finding_once(resolution, make_finding(handset::FindingCode::dns_nxdomain_with_data,
                                                fmt::format("{} from {}: {}", what, answer.source, answer.problem)));
    }
  }
  report_unanswering_servers(resolution);

  const auto& candidates = resolution.candidates;
  if (candidates.size() == 1) {
    resolution.findings.push_back(make_finding(
      handset::FindingCode::single_server, fmt::format("{} is the only candidate: nothing to fail over to", endpoint_text(candidates[0]))));
  } else if (candidates.size() > 1) {
    const bool one_address = std::all_of(candidates.begin(), candidates.end(),
                                         [&](const Candidate& c) { return c.address == candidates[0].address; });
    if (one_address) {
      resolution.findings.push_back(make_finding(
        handset::FindingCode::same_address, fmt::format("all {} candidates are {}: failing over lands on the same server",
                                    candidates.size(), candidates[0].address)));
    }
    if (!one_address) report_no_preferred_server(resolution, preference);
  }

  std::vector<std::string> from_static;
  for (const auto& query : resolution.queries) {
    if (query.answer.carrier != dns::Carrier::static_cache) continue;
    from_static.push_back(fmt::format("{} {}", dns::rr_type_name(query.answer.question.type), query.answer.question.name));
  }
  if (!from_static.empty()) {
    resolution.findings.push_back(make_finding(
      handset::FindingCode::static_cache_used, fmt::format("{} answer(s) came from the phone's static DNS cache, not from DNS: {}",
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
                         make_finding(handset::FindingCode::ttl_too_long_for_failover,
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
        add_finding_once(resolution, make_finding(handset::FindingCode::srv_weight_zero_mixed,
                                                  fmt::format("{} mixes weight 0 with non-zero weights at priority {}",
                                                              query.answer.question.name, priority)));
      }
    }
  }
}

} // namespace sipfo::handset
