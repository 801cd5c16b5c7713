// Plain RFC 3263 ("Locating SIP Servers"), the baseline the handset profiles are
// compared with. Section numbers below are RFC 3263's unless said otherwise.

#include "profile_functions.hpp"

#include "naptr_rules.hpp"
#include "query_trace.hpp"
#include "resolution_steps.hpp"

#include <fmt/format.h>

#include <random>

namespace sipfo::handset {

namespace {

// 4.1: without NAPTR the client asks SRV for each transport it supports; sipfo
// supports all three and prefers them in the order of the RFC's own example
// (SIPS+D2T, SIP+D2T, SIP+D2U).
constexpr Transport supported[] = {Transport::tls, Transport::tcp, Transport::udp};

// 4.1: NAPTR records in order; those with flags "S" and a service the client
// supports (a SIPS URI, here transport tls, supports SIPS+D2T only).
bool follow_naptr(const std::string& name, TransportSetting setting, QueryTrace& trace, Resolution& out,
                  const StepRules& rules)
{
  const auto naptr = trace.ask({name, dns::RrType::naptr}, "NAPTR first: no transport and no port (4.1)");
  if (!naptr.has_data()) return false;
  report_malformed_replacements(naptr.data, out);
  bool any_usable = false;
  for (const auto& record : ordered_naptr(naptr.data)) {
    const auto& data = std::get<dns::NaptrData>(record.data);
    const auto transport = sip_service_transport(data.service);
    const bool terminal_srv = data.flags == "s" || data.flags == "S";
    if (!terminal_srv || !transport || (setting == TransportSetting::tls && *transport != Transport::tls)) continue;
    any_usable = true;
    const auto srv = trace.ask({dns::absolute_name(data.replacement), dns::RrType::srv},
                               fmt::format("SRV at the NAPTR replacement ({})", data.service));
    if (srv.has_data()) {
      out.candidates = candidates_from_srv(srv, *transport, trace, out, rules);
      return true; // design §3: SRV records found but no target resolves: stop
    }
    out.findings.push_back(make_finding(
      "naptr_dead_end",
      fmt::format("NAPTR points at {} but it has no SRV records ({}); trying the next NAPTR", data.replacement,
                  dns::outcome_name(srv.outcome)),
      dns::record_text(record)));
  }
  if (!any_usable) {
    out.findings.push_back(make_finding(
      "naptr_no_sip_service",
      fmt::format("{} has NAPTR records but none with flags \"S\" and a supported SIP service", name)));
  }
  return false;
}

// 4.1: "If no NAPTR records are found, the client constructs SRV queries for
// those transport protocols it supports, and does a query for each."
bool follow_srv(const std::string& name, const std::vector<Transport>& transports, const std::string& why,
                QueryTrace& trace, Resolution& out, const StepRules& rules)
{
  std::vector<dns::Question> questions;
  std::vector<std::string> purposes;
  for (auto transport : transports) {
    questions.push_back({srv_name_for(transport, name), dns::RrType::srv});
    purposes.push_back(why);
  }
  const auto lookups = trace.ask_all(questions, purposes);
  for (std::size_t i = 0; i < lookups.size(); ++i) {
    if (lookups[i].has_data()) {
      out.candidates = candidates_from_srv(lookups[i], transports[i], trace, out, rules);
      return true;
    }
  }
  return false;
}

} // namespace

Resolution resolve_rfc3263(const ServerSetting& setting, dns::Resolver& resolver, const ProfileOptions& options)
{
  Resolution out;
  std::uint64_t seed = options.seed.value_or(std::random_device{}());
  std::mt19937_64 random(seed);
  const StepRules rules{SrvOrder::weighted_random, AddressFamilies::aaaa_and_a, &random};
  out.decisions.push_back(fmt::format("equal SRV priorities: RFC 2782 weighted random draw, seed {}{}", seed,
                                      options.seed ? "" : " (pass --seed to repeat it)"));
  out.decisions.emplace_back("address records: AAAA, then A (RFC 6724 prefers IPv6)");
  out.decisions.emplace_back("no NAPTR: SRV for TLS, TCP and UDP asked together, first that answers is used");

  const Transport transport = transport_for(setting.transport);
  if (is_ip_literal(setting.address)) {
    // 4.1/4.2: a numeric IP is used as is, default port for the transport.
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
                                          fmt::format("address only: port {} is explicit (4.2)", setting.port), trace,
                                          out, rules);
    done = true;
  } else if (setting.transport == TransportSetting::naptr) {
    done = follow_naptr(name, setting.transport, trace, out, rules) ||
           follow_srv(name, {std::begin(supported), std::end(supported)}, "SRV for each supported transport (4.1)",
                      trace, out, rules);
  } else {
    std::vector<Transport> transports{transport};
    if (setting.transport == TransportSetting::tcp_preferred) transports.push_back(Transport::udp);
    done = follow_srv(name, transports, "SRV for the given transport (4.1)", trace, out, rules);
  }
  if (!done) {
    // 4.2: no SRV records: address records of the name, default port.
    out.candidates = candidates_from_name(name, 0, transport, "address records: no SRV (4.2)", trace, out, rules);
  }
  finish_resolution(out);
  return out;
}

} // namespace sipfo::handset
