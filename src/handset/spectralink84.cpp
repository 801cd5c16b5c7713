// The Spectralink 84-Series profile. The rules come from seed 000 (technical
// bulletin CS-14-17), "DNS Configuration, Step 1", and its app.log walkthrough;
// where it is silent, design §3's table decides (each such rule says so).

#include "profile_functions.hpp"

#include "naptr_rules.hpp"
#include "query_trace.hpp"
#include "resolution_steps.hpp"

#include "sipfo/dns/record.hpp"

#include <fmt/format.h>

namespace sipfo::handset {

namespace {

const StepRules rules{SrvOrder::weight_descending, AddressFamilies::a_only, nullptr};

// The transport a non-DNS candidate uses under each setting.
// SRV names for a forced transport (seed 000 Step 1: "SRV record lookup ... using
// the transport mechanism specified"). TCPpreferred asks TCP, then UDP [design §3].
std::vector<Transport> srv_transports(TransportSetting setting)
{
  switch (setting) {
  case TransportSetting::udp: return {Transport::udp};
  case TransportSetting::tcp: return {Transport::tcp};
  case TransportSetting::tls: return {Transport::tls};
  case TransportSetting::tcp_preferred: return {Transport::tcp, Transport::udp};
  case TransportSetting::naptr: return {Transport::udp}; // seed 000 failed log: only _sip._udp
  }
  return {Transport::udp};
}

struct NaptrPick {
  dns::Record record;
  Transport transport = Transport::udp;
};

// The NAPTR record the phone follows: flags "S" and a SIP service it speaks. The
// seed 000 success log shows the phone following a record whose service field was
// empty, so an empty service is accepted, its transport taken from the replacement.
std::optional<NaptrPick> pick_naptr(const Lookup& naptr, Resolution& resolution)
{
  report_malformed_replacements(naptr.data, resolution);
  for (const auto& record : ordered_naptr(naptr.data)) {
    const auto& data = std::get<dns::NaptrData>(record.data);
    const bool terminal_srv = data.flags == "s" || data.flags == "S";
    auto transport = sip_service_transport(data.service);
    if (!transport && data.service.empty()) transport = srv_name_transport(data.replacement).value_or(Transport::udp);
    if (terminal_srv && transport) return NaptrPick{record, *transport};
  }
  resolution.findings.push_back(make_finding(
    "naptr_no_sip_service",
    fmt::format("{} has NAPTR records but none with flags \"S\" and a SIP service (SIP+D2U, SIP+D2T, SIPS+D2T)",
                naptr.question.name)));
  return std::nullopt;
}

void resolve_name(const ServerSetting& setting, const std::string& name, QueryTrace& trace, Resolution& out)
{
  // seed 000 Step 1: "If a port number is specified ... The only lookup will be an A record."
  if (setting.port != 0) {
    if (setting.transport == TransportSetting::naptr) {
      out.findings.push_back(make_finding(
        "explicit_port_skips_srv",
        fmt::format("port {} with transport DNSnaptr: the phone does no NAPTR or SRV lookup, only A for {}",
                    setting.port, name),
        fmt::format("port=\"{}\" transport=\"DNSnaptr\"", setting.port)));
    }
    out.candidates = candidates_from_name(name, setting.port, transport_for(setting.transport),
                                          fmt::format("A only: port {} is configured, so no NAPTR or SRV", setting.port),
                                          trace, out, rules);
    return;
  }

  // seed 000 Step 1: transport DNSnaptr and port 0: NAPTR, then SRV, then A,
  // stopping at the first lookup that answers.
  if (setting.transport == TransportSetting::naptr) {
    const auto naptr = trace.ask({name, dns::RrType::naptr}, "NAPTR first: transport DNSnaptr and port 0");
    if (naptr.has_data()) {
      if (auto pick = pick_naptr(naptr, out)) {
        const auto& data = std::get<dns::NaptrData>(pick->record.data);
        const auto srv = trace.ask({dns::absolute_name(data.replacement), dns::RrType::srv},
                                   "SRV at the NAPTR replacement");
        if (srv.has_data()) {
          out.candidates = candidates_from_srv(srv, pick->transport, trace, out, rules);
          return; // design §3: SRV records found but no target resolves: stop
        }
        out.findings.push_back(make_finding(
          "naptr_dead_end",
          fmt::format("NAPTR points at {} but it has no SRV records ({})", data.replacement,
                      dns::outcome_name(srv.outcome)),
          dns::record_text(pick->record)));
        // design §3: NAPTR found but its SRV gives nothing: carry on as if there were no NAPTR.
        out.decisions.emplace_back("the NAPTR's SRV name gave nothing: carried on as if there were no NAPTR");
      }
    }
  }

  for (auto transport : srv_transports(setting.transport)) {
    const auto srv_name = srv_name_for(transport, name);
    const auto srv = trace.ask(
      {srv_name, dns::RrType::srv},
      setting.transport == TransportSetting::naptr
        ? std::string("SRV _sip._udp: no usable NAPTR, and the 84-Series then asks UDP only")
        : fmt::format("SRV for the configured transport {} (no NAPTR)", transport_setting_name(setting.transport)));
    if (srv.has_data()) {
      out.candidates = candidates_from_srv(srv, transport, trace, out, rules);
      return;
    }
  }

  // seed 000 Step 1: "followed by an A name record lookup if the SRV record lookup fails";
  // no port from DNS: 5060 (5061 for TLS).
  out.candidates = candidates_from_name(name, 0, transport_for(setting.transport),
                                        "A: no SRV records, default port", trace, out, rules);
}

} // namespace

Resolution resolve_spectralink84(const ServerSetting& setting, dns::Resolver& resolver, const ProfileOptions&)
{
  Resolution out;
  out.decisions.emplace_back("equal SRV priorities: higher weight first, ties in answer order");
  out.decisions.emplace_back("address records: A only");
  if (is_ip_literal(setting.address)) {
    // seed 000 log: "returning passed in ipAddress": an IP is used as is.
    out.candidates.push_back(literal_candidate(setting.address, setting.port, transport_for(setting.transport)));
  } else {
    QueryTrace trace(resolver, out);
    resolve_name(setting, dns::absolute_name(setting.address), trace, out);
  }
  finish_resolution(out);
  return out;
}

} // namespace sipfo::handset
