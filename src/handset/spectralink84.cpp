// The Spectralink 84-Series profile. The rules come from CS-14-17 (technical
// bulletin CS-14-17), "DNS Configuration, Step 1", and its app.log walkthrough;
// where it is silent, design §3's table decides (each such rule says so).

#include "profile_functions.hpp"

#include "naptr_rules.hpp"
#include "query_trace.hpp"
#include "resolution_steps.hpp"
#include "srv_order.hpp"

#include "sipfo/dns/record.hpp"
#include "sipfo/util/ip_literal.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace sipfo::handset {

namespace {

// SRV port 0 is "none found through DNS mechanisms": 5060, 5061 for TLS (Step 1;
// sipfo reads port 0 as no port). A numeric SRV target is used as is: the
// Successful Registration Log, lines 44-45, shows the A lookup of an IP
// "returning passed in ipAddress". The targets' A records are asked one after the
// other, as lines 30-42 of that log show.
const StepRules rules{SrvOrder::weight_descending, AddressFamilies::a_only, nullptr, SrvPortZero::default_port,
                      NumericTarget::use_directly, true, 0};

// The transport a non-DNS candidate uses under each setting.
// SRV names for a forced transport (CS-14-17 Step 1: "SRV record lookup ... using
// the transport mechanism specified"). TCPpreferred asks TCP, then UDP [design §3].
std::vector<Transport> srv_transports(TransportSetting setting)
{
  switch (setting) {
  case TransportSetting::udp: return {Transport::udp};
  case TransportSetting::tcp: return {Transport::tcp};
  case TransportSetting::tls: return {Transport::tls};
  case TransportSetting::tcp_preferred: return {Transport::tcp, Transport::udp};
  case TransportSetting::naptr: return {Transport::udp}; // CS-14-17 failed log: only _sip._udp
  }
  return {Transport::udp};
}

struct NaptrPick {
  dns::Record record;
  Transport transport = Transport::udp;
};

// The NAPTR record the phone follows: flags "S" and a SIP service it speaks. The
// CS-14-17 success log shows the phone following a record whose service field was
// empty, so an empty service is accepted, its transport taken from the replacement.
std::optional<NaptrPick> pick_naptr(const Lookup& naptr, Resolution& resolution)
{
  report_malformed_replacements(naptr.data, resolution);
  std::optional<NaptrPick> pick;
  for (const auto& record : ordered_naptr(naptr.data)) {
    const auto& data = std::get<dns::NaptrData>(record.data);
    const bool terminal_srv = data.flags == "s" || data.flags == "S";
    auto transport = sip_service_transport(data.service);
    if (!transport && data.service.empty()) transport = srv_name_transport(data.replacement).value_or(Transport::udp);
    if (!terminal_srv || !transport) continue;
    if (pick) {
      // The bulletin's log shows one NAPTR record; which of several the phone
      // takes is open (issue 10 class 7: listed only when it mattered).
      resolution.decisions.emplace_back(
        "of several NAPTR records with a SIP service, the first by order and preference is followed (sipfo's "
        "assumption: Technical Bulletin CS-14-17 shows a single NAPTR record)");
      return pick;
    }
    pick = NaptrPick{record, *transport};
  }
  if (pick) return pick;
  resolution.findings.push_back(make_finding(
    handset::FindingCode::naptr_no_sip_service,
    fmt::format("{} has NAPTR records but none with flags \"S\" and a SIP service (SIP+D2U, SIP+D2T, SIPS+D2T)",
                naptr.question.name)));
  return std::nullopt;
}

std::optional<Lookup> other_transport_srv(const std::string& name, QueryTrace& trace);
void report_other_transport_srv(const Lookup& srv, const std::string& name, Resolution& out);

void resolve_name(const ServerSetting& setting, const std::string& name, QueryTrace& trace, Resolution& out)
{
  // CS-14-17 Step 1: "If a port number is specified ... The only lookup will be an A record."
  if (setting.port != 0) {
    if (setting.transport == TransportSetting::naptr) {
      out.findings.push_back(make_finding(
        handset::FindingCode::explicit_port_skips_srv,
        fmt::format("port {} with transport DNSnaptr: the phone does no NAPTR or SRV lookup, only A for {}",
                    setting.port, name),
        fmt::format("port=\"{}\" transport=\"DNSnaptr\"", setting.port)));
    }
    out.candidates = candidates_from_name(name, setting.port, transport_for(setting.transport),
                                          fmt::format("A only: port {} is configured, so no NAPTR or SRV", setting.port),
                                          trace, out, rules);
    return;
  }

  // CS-14-17 Step 1: transport DNSnaptr and port 0: NAPTR, then SRV, then A,
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
          handset::FindingCode::naptr_dead_end,
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
        ? std::string("SRV _sip._udp: no usable NAPTR, and the 84-Series then asks UDP only (Technical Bulletin "
                      "CS-14-17, Failed Registration Log, lines 12-20)")
        : fmt::format("SRV for the configured transport {} (no NAPTR)", transport_setting_name(setting.transport)));
    if (srv.has_data()) {
      out.candidates = candidates_from_srv(srv, transport, trace, out, rules);
      return;
    }
  }

  // CS-14-17 Step 1: "followed by an A name record lookup if the SRV record lookup fails";
  // no port from DNS: 5060 (5061 for TLS).
  out.candidates = candidates_from_name(name, 0, transport_for(setting.transport),
                                        "A: no SRV records, default port", trace, out, rules);
  // sipfo's own check, after the phone's questions: a name that does not exist
  // has no _sip._tcp records either (RFC 1034 4.3.2: NXDOMAIN covers the subtree).
  // (A CNAME chain adds queries after the A question; their outcome is the name's.)
  // Only after a definite answer for the name's A record: after a timeout or a
  // server failure more questions would only cost more time.
  const auto a_outcome = out.queries.empty() ? dns::Outcome::timeout : out.queries.back().answer.outcome;
  const bool name_exists = a_outcome == dns::Outcome::noerror || a_outcome == dns::Outcome::nodata;
  if (setting.transport == TransportSetting::naptr && name_exists) {
    if (const auto unused_srv = other_transport_srv(name, trace)) report_other_transport_srv(*unused_srv, name, out);
  }
}

// With DNSnaptr and no usable NAPTR the 84-Series asks _sip._udp and then A, never
// _sip._tcp or _sips._tcp: Technical Bulletin CS-14-17, Failed Registration Log,
// lines 12-22 ("the SRV record includes the default service and protocol
// information, in this case _sip and _udp", then "Doing DNS A lookup"). sipfo asks
// the other two itself so the finding can say the records exist but are not asked.
std::optional<Lookup> other_transport_srv(const std::string& name, QueryTrace& trace)
{
  for (auto transport : {Transport::tcp, Transport::tls}) {
    auto srv = trace.ask({srv_name_for(transport, name), dns::RrType::srv},
                         "sipfo's check: SRV records for a transport the 84-Series does not ask here?", Asker::sipfo);
    if (srv.has_data()) return srv;
  }
  return std::nullopt;
}

void report_other_transport_srv(const Lookup& srv, const std::string& name, Resolution& out)
{
  auto finding = make_finding(
    handset::FindingCode::srv_other_transport_unused,
    fmt::format("{} has SRV records, but with transport DNSnaptr and no usable NAPTR record the 84-Series asks "
                "_sip._udp.{} only and then A (Technical Bulletin CS-14-17, Failed Registration Log, lines 12-22); "
                "publish a NAPTR record for {} (flags \"S\", service {}, replacement {}), or set the transport to "
                "{}",
                srv.question.name, name, name,
                srv_name_transport(srv.question.name) == Transport::tls ? "SIPS+D2T" : "SIP+D2T", srv.question.name,
                srv_name_transport(srv.question.name) == Transport::tls ? "TLS" : "TCPOnly"),
    dns::record_text(srv.data.front()));
  if (out.candidates.empty()) {
    // The records the generic findings would ask for exist: this is the fault.
    std::erase_if(out.findings, [](const Finding& f) { return f.code == "name_missing" || f.code == "no_address"; });
    finding.severity = Severity::error;
  }
  out.findings.push_back(std::move(finding));
}

// The bulletin's Warning box (Option 1 and Option 2): "You must use DNSNaptr ...
// and the port must be set to "0" in order for the 8400 handset to perform a DNS
// lookup", while Step 1 says another transport still asks SRV then A and an
// explicit port asks A. sipfo follows Step 1 and says so where it matters.
void report_documents_disagree(const ServerSetting& setting, Resolution& out)
{
  if (setting.transport == TransportSetting::naptr && setting.port == 0) return;
  out.findings.push_back(make_finding(
    handset::FindingCode::vendor_documents_disagree,
    fmt::format("transport {} with port {}: Technical Bulletin CS-14-17, DNS Configuration, Step 1 says the phone "
                "still looks up {}; the bulletin's Warning box (Option 1 and Option 2) says that without DNSnaptr "
                "and port 0 the handset does no DNS lookup at all. sipfo follows Step 1; if the Warning is right, "
                "this phone finds no server",
                transport_setting_name(setting.transport), setting.port,
                setting.port != 0 ? "the A record" : "SRV for that transport, then the A record"),
    fmt::format("port=\"{}\" transport=\"{}\"", setting.port, transport_setting_name(setting.transport))));
}

} // namespace

Resolution resolve_spectralink84(const ServerSetting& setting, dns::Resolver& resolver, const ProfileOptions&)
{
  Resolution out;
  if (util::is_ip_literal(setting.address, util::Brackets::allowed)) {
    // CS-14-17 log: "returning passed in ipAddress": an IP is used as is.
    out.candidates.push_back(literal_candidate(setting.address, setting.port, transport_for(setting.transport)));
  } else {
    QueryTrace trace(resolver, out);
    resolve_name(setting, dns::absolute_name(setting.address), trace, out);
    report_documents_disagree(setting, out);
  }
  // Technical Bulletin CS-14-17, Option 1: the priority, then the weight, decide
  // the server that gets used; with both equal the bulletin names nothing else.
  finish_resolution(out, Ranking::try_order,
                    Preference{PreferenceRule::priority_then_weight,
                               "sipfo's assumption: Technical Bulletin CS-14-17, Option 1, names only the priority "
                               "and then the weight as what decides the server that gets used"});
  // Decisions list only what this result depended on (issue 10 class 7).
  if (has_srv_weight_tie(out.candidates)) {
    out.decisions.emplace_back("SRV records of equal priority and equal weight are tried in answer order "
                               "(sipfo's assumption: Technical Bulletin CS-14-17, Option 1, names the priority, then the weight, not the order of a tie)");
  }
  return out;
}

} // namespace sipfo::handset
