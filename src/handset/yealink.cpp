// The Yealink profile, from the two editions of Yealink "Server Redundancy on Yealink IP Phones":
// "Server Redundancy" for the lookup order, Appendix A for NAPTR and SRV, Appendix
// B for the static DNS cache, and account.X.naptr_build.

#include "profile_functions.hpp"

#include "naptr_rules.hpp"
#include "query_trace.hpp"
#include "resolution_steps.hpp"
#include "srv_order.hpp"

#include "sipfo/util/ip_literal.hpp"
#include "sipfo/util/suggest.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace sipfo::handset {

namespace {

// Appendix A: "The preference is from highest to lowest" weight at one priority.
// "Server Domain Name Resolution": "If no port is found through the DNS query,
// 5060 will be used" (SRV port 0 is no port). Appendix A: "If the Target is not a
// numeric IP address, the IP phone performs an A query": a numeric one is used.
const StepRules rules{SrvOrder::weight_descending, AddressFamilies::a_only, nullptr, SrvPortZero::default_port,
                      NumericTarget::use_directly, false, 5060};

// Appendix A: an empty NAPTR flag means "NAPTR again on the replacement"; a chain
// of these is followed this many times at most (loops and long chains stop).
constexpr int max_naptr_chain = 4;

// Appendix A: the first record by order (then preference) with flag "s" and a
// service the phone speaks (SIP+D2U, SIP+D2T, SIPS+D2T; SIP+D2S is SCTP, which it
// does not). Records with an empty flag are followed as NAPTR again.
bool follow_naptr(const std::string& name, QueryTrace& trace, Resolution& out, int depth)
{
  const auto naptr = trace.ask({name, dns::RrType::naptr},
                               depth == 0 ? std::string("NAPTR first: transport_type 3 (DNS-NAPTR) and port 0")
                                          : std::string("NAPTR again: the previous record had an empty flag"));
  if (!naptr.has_data()) return false;
  report_malformed_replacements(naptr.data, out);
  bool usable = false;
  for (const auto& record : ordered_naptr(naptr.data)) {
    const auto& data = std::get<dns::NaptrData>(record.data);
    if (data.flags.empty()) {
      if (depth + 1 < max_naptr_chain && follow_naptr(dns::absolute_name(data.replacement), trace, out, depth + 1)) {
        return true;
      }
      continue;
    }
    const auto transport = sip_service_transport(data.service);
    if (!transport && util::iequals(data.service, "SIP+D2S")) {
      // Listed only when a result met such a record (issue 10 class 7).
      out.decisions.emplace_back("a SIP+D2S (SCTP) NAPTR record is not followed (sipfo's assumption: the guides "
                                 "list the service but never say whether the phone speaks SCTP)");
    }
    // Appendix B, dns_cache_naptr.X.flags: "A - Do an A lookup next": the
    // replacement is the server's host name; no port from DNS, so 5060.
    if ((data.flags == "a" || data.flags == "A") && transport) {
      usable = true;
      auto found = candidates_from_name(dns::absolute_name(data.replacement), 5060, *transport,
                                        fmt::format("A at the NAPTR replacement (flag A, {})", data.service), trace,
                                        out, rules);
      if (!found.empty()) {
        out.candidates = std::move(found);
        return true;
      }
      continue;
    }
    if ((data.flags != "s" && data.flags != "S") || !transport) continue;
    usable = true;
    const auto srv = trace.ask({dns::absolute_name(data.replacement), dns::RrType::srv},
                               fmt::format("SRV at the NAPTR replacement ({})", data.service));
    if (srv.has_data()) {
      out.candidates = candidates_from_srv(srv, *transport, trace, out, rules);
      return true; // design §3: SRV records found but no target resolves: stop
    }
    out.findings.push_back(make_finding(
      handset::FindingCode::naptr_dead_end,
      fmt::format("NAPTR points at {} but it has no SRV records ({})", data.replacement, dns::outcome_name(srv.outcome)),
      dns::record_text(record)));
    out.decisions.emplace_back("the NAPTR's SRV name gave nothing: carried on as if there were no NAPTR");
    return false; // design §3: same as the 84-Series
  }
  if (!usable && depth == 0) {
    out.findings.push_back(make_finding(
      handset::FindingCode::naptr_no_sip_service,
      fmt::format("{} has NAPTR records but none with flag \"s\" and SIP+D2U, SIP+D2T or SIPS+D2T", name)));
  }
  return false;
}

// naptr_build 0: _sip._udp only; 1: _sip._udp, _sip._tcp and _sips._tcp, all asked,
// candidates concatenated in that order (design §3).
bool srv_after_naptr(const std::string& name, int naptr_build, QueryTrace& trace, Resolution& out)
{
  std::vector<Transport> transports{Transport::udp};
  if (naptr_build == 1) transports = {Transport::udp, Transport::tcp, Transport::tls};
  std::vector<dns::Question> questions;
  std::vector<std::string> purposes;
  for (auto transport : transports) {
    questions.push_back({srv_name_for(transport, name), dns::RrType::srv});
    purposes.push_back(fmt::format("SRV: no usable NAPTR, naptr_build {}", naptr_build));
  }
  const auto lookups = trace.ask_all(questions, purposes);
  bool any = false;
  for (std::size_t i = 0; i < lookups.size(); ++i) {
    if (!lookups[i].has_data()) continue;
    any = true;
    auto found = candidates_from_srv(lookups[i], transports[i], trace, out, rules);
    std::move(found.begin(), found.end(), std::back_inserter(out.candidates));
  }
  return any;
}

void resolve_name(const ServerSetting& setting, const std::string& name, const ProfileOptions& options,
                  QueryTrace& trace, Resolution& out)
{
  const Transport transport = transport_for(setting.transport);
  // "Server Redundancy": an explicit port (not 0) means A only.
  if (setting.port != 0) {
    if (setting.transport == TransportSetting::naptr) {
      out.findings.push_back(make_finding(
        handset::FindingCode::explicit_port_skips_srv,
        fmt::format("port {} with transport_type 3 (DNS-NAPTR): the phone asks A only for {}", setting.port, name),
        fmt::format("port = {}, transport_type = 3", setting.port)));
    }
    out.candidates = candidates_from_name(name, setting.port, transport,
                                          fmt::format("A only: port {} is configured", setting.port), trace, out,
                                          rules);
    return;
  }
  bool done = false;
  if (setting.transport == TransportSetting::naptr) {
    done = follow_naptr(name, trace, out, 0) || srv_after_naptr(name, options.naptr_build, trace, out);
  } else {
    // A transport and port 0: SRV for that transport, then A (RFC 3263 4.1, which
    // "Server Redundancy" says the phone follows).
    const auto srv = trace.ask({srv_name_for(transport, name), dns::RrType::srv},
                               fmt::format("SRV for transport_type {}", transport_setting_name(setting.transport)));
    if (srv.has_data()) {
      out.candidates = candidates_from_srv(srv, transport, trace, out, rules);
      done = true;
    }
  }
  // "If no port is found through the DNS query, 5060 will be used": both guides
  // say it with no exception for TLS (unlike the 84-Series bulletin's 5061).
  if (!done) {
    out.candidates = candidates_from_name(name, 5060, transport,
                                          "A: no SRV records", trace, out, rules);
  }
}

// Appendix B: a static entry helps only if the phone asks its name and type with
// this setting. One it never asks gets a finding saying why (issue 10 class 5).
// Entries for other names (another account's server) are not this setting's
// business: only the configured name and names under it are looked at.
bool about_name(const std::string& owner, const std::string& name)
{
  const auto o = util::to_lower(dns::absolute_name(owner));
  const auto n = util::to_lower(dns::absolute_name(name));
  return o == n || (o.size() > n.size() && o.ends_with("." + n));
}

void report_unused_static_entries(const StaticCache& cache, const std::string& name, const ProfileOptions& options,
                                  Resolution& out)
{
  for (std::size_t i = 0; i < cache.records.size(); ++i) {
    const auto& record = cache.records[i];
    if (!about_name(record.owner, name)) continue;
    const bool asked = std::any_of(out.queries.begin(), out.queries.end(), [&](const Query& q) {
      return q.asked_by == Asker::handset && q.answer.question.type == record.type &&
             dns::same_name(q.answer.question.name, record.owner);
    });
    if (asked) continue;
    std::string why = "the phone never asks for it with this setting";
    const auto srv_transport = record.type == dns::RrType::srv ? srv_name_transport(record.owner) : std::nullopt;
    if (srv_transport && *srv_transport != Transport::udp && options.naptr_build == 0) {
      why = "with account.X.naptr_build = 0 the phone's SRV query uses UDP only (Appendix B, account.X.naptr_build: "
            "\"0-SRV query using UDP only\"), although Example 2 of Appendix B shows this entry with that default; "
            "set account.X.naptr_build = 1, or name the entry _sip._udp";
    }
    out.findings.push_back(make_finding(
      handset::FindingCode::static_cache_unused,
      fmt::format("{} ({} {}) is not used: {}", cache.keys[i], dns::rr_type_name(record.type), record.owner, why),
      dns::record_text(record)));
  }
  for (const auto& note : cache.unusable) {
    out.findings.push_back(make_finding(handset::FindingCode::static_cache_unused, note));
  }
}

} // namespace

Resolution resolve_yealink(const ServerSetting& setting, dns::Resolver& resolver, const ProfileOptions& options)
{
  Resolution out;
  if (util::is_ip_literal(setting.address, util::Brackets::allowed)) {
    out.candidates.push_back(literal_candidate(setting.address, setting.port, transport_for(setting.transport)));
  } else {
    QueryTrace trace(resolver, out, options.static_cache);
    resolve_name(setting, dns::absolute_name(setting.address), options, trace, out);
  }
  if (options.static_cache != nullptr && !util::is_ip_literal(setting.address, util::Brackets::allowed)) {
    report_unused_static_entries(*options.static_cache, setting.address, options, out);
  }
  finish_resolution(out, Ranking::try_order,
                    Preference{PreferenceRule::priority_then_weight,
                               "Server Redundancy on Yealink IP Phones, Appendix A: weight \"Again, keep the same to "
                               "load balance\""});
  // Decisions list only what this result depended on (issue 10 class 7).
  if (has_srv_weight_tie(out.candidates)) {
    out.decisions.emplace_back("SRV records of equal priority and equal weight are tried in answer order "
                               "(sipfo's assumption: the Yealink guides, Appendix A, name the priority, then the weight, not the order of a tie)");
  }
  return out;
}

} // namespace sipfo::handset
