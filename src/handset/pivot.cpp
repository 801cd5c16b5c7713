// The Spectralink PIVOT (87-Series) profile, from CS-18-09 ("PIVOT Call Server
// Redundancy"): the SIP server field "domain; serverspec1; ...; serverspec4",
// each serverspec an IP, an SRV name or an A name, candidates ranked P<n> by
// serverspec and prioritised by SRV priority.

#include "profile_functions.hpp"

#include "naptr_rules.hpp"
#include "query_trace.hpp"
#include "resolution_steps.hpp"

#include "sipfo/util/ip_literal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

namespace sipfo::handset {

namespace {

// CS-18-09, "The list of candidate call servers": domain plus up to four serverspecs.
constexpr std::size_t max_serverspecs = 4;

// The A-only, as-received rules of design §3 for PIVOT.
const StepRules rules{SrvOrder::as_received, AddressFamilies::a_only, nullptr};

std::string trim(std::string_view text)
{
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return std::string(text.substr(first, last - first + 1));
}

std::vector<std::string> split_field(std::string_view field)
{
  std::vector<std::string> values;
  while (true) {
    const auto semi = field.find(';');
    auto value = trim(field.substr(0, semi));
    if (!value.empty()) values.push_back(std::move(value));
    if (semi == std::string_view::npos) break;
    field.remove_prefix(semi + 1);
  }
  return values;
}

void add_decision_once(Resolution& out, std::string decision)
{
  if (std::find(out.decisions.begin(), out.decisions.end(), decision) == out.decisions.end()) {
    out.decisions.push_back(std::move(decision));
  }
}

// The rules below are sipfo's where the guide is silent: it says only "Each
// serverspec value may be discovered via: a DNS SRV record query ..., a DNS
// A-name record query ..., or it may be an IP address", not which SRV name is
// asked, nor in which order the phone tries SRV and A. Each is listed in the
// result's decisions only when the result used it.
constexpr std::string_view guide_silence =
  "the guide says only that a serverspec \"may be discovered via: a DNS SRV record query\" or \"a DNS A-name "
  "record query\"";

// One serverspec's candidates, all with rank `rank`.
std::vector<Candidate> resolve_serverspec(const std::string& spec, int rank, const ServerSetting& setting,
                                          QueryTrace& trace, Resolution& out)
{
  const Transport transport = transport_for(setting.transport);
  const auto parsed = setting_from_spec(spec, ServerSetting{"", setting.port, setting.transport});
  std::vector<Candidate> candidates;
  if (util::is_ip_literal(parsed.address, util::Brackets::allowed)) {
    // CS-18-09, Method 1: IP addresses, no DNS; priority 1 by default.
    candidates.push_back(literal_candidate(parsed.address, parsed.port, transport));
  } else if (parsed.port != 0) {
    add_decision_once(out, fmt::format("a serverspec with a port (name:port) gets A records only, no SRV (sipfo's "
                                       "assumption, as RFC 3263 4.2: {})",
                                       guide_silence));
    candidates = candidates_from_name(parsed.address, parsed.port, transport,
                                      fmt::format("P{}: A for {} (a port is given)", rank, parsed.address), trace, out,
                                      rules);
  } else {
    // design §3: "_sip._udp.<spec>" for a name, the name itself when it starts with "_".
    const bool srv_name = parsed.address.front() == '_';
    const auto name = srv_name ? dns::absolute_name(parsed.address) : srv_name_for(transport, parsed.address);
    const auto srv = trace.ask({name, dns::RrType::srv}, fmt::format("P{}: SRV for serverspec {}", rank, spec));
    if (!srv_name) {
      auto prefix = srv_name_for(transport, "x"); // "_sip._udp.x."
      prefix.resize(prefix.size() - 2);
      add_decision_once(out, fmt::format("the SRV name asked for a serverspec is {}<name> (sipfo's assumption: {}, "
                                         "not which name)",
                                         prefix, guide_silence));
    }
    if (srv.has_data()) {
      candidates = candidates_from_srv(srv, srv_name_transport(name).value_or(transport), trace, out, rules);
    } else if (!srv_name) {
      // CS-18-09, Method 2: an A name; several addresses form a load-balancing pool.
      add_decision_once(out, fmt::format("a serverspec name without SRV records is asked for A records next "
                                         "(sipfo's assumption: {}, not in which order the phone tries them)",
                                         guide_silence));
      candidates = candidates_from_name(parsed.address, 0, transport,
                                        fmt::format("P{}: A for serverspec {} (no SRV)", rank, spec), trace, out,
                                        rules);
    }
  }
  for (auto& c : candidates) {
    c.rank = rank;
    if (c.origin != Origin::srv) c.priority = 1; // CS-18-09: "1" is the default priority
  }
  return candidates;
}

void report_load_balancing(Resolution& out)
{
  const auto& cs = out.candidates;
  if (cs.size() < 2) return;
  const bool all_equal = std::all_of(cs.begin(), cs.end(), [&](const Candidate& c) {
    return c.rank == cs.front().rank && c.priority == cs.front().priority;
  });
  if (!all_equal) return;
  out.findings.push_back(make_finding(
    handset::FindingCode::equal_priority_no_failback,
    fmt::format("all {} candidates are P{}:{}: load balancing; the phone stays on whichever server it registered to "
                "and never fails back (Spectralink Technical Bulletin CS-18-09, Method 4: Load balancing)",
                cs.size(), cs.front().rank, cs.front().priority)));
}

} // namespace

Resolution resolve_pivot(const ServerSetting& setting, dns::Resolver& resolver, const ProfileOptions&)
{
  Resolution out;
  out.rank_style = RankStyle::serverspec;
  // Vendor rules, not decisions: the answer order is kept ("The order of the
  // servers in the list reflects the order of the servers reported by the DNS
  // query", Method 3), rank then priority decide (Method 3), the domain of a
  // several-value field is never resolved (Admin Tip: SIP Server field values),
  // and addresses come from "A-name" records (SIP server field entry options).
  auto values = split_field(setting.address);
  if (values.empty()) return out;

  // CS-18-09, "Admin Tip: SIP Server field values": with several values the first
  // is only the SIP domain and is never resolved; a single value is both.
  const bool domain_only = values.size() > 1;
  std::vector<std::string> specs(values.begin() + (domain_only ? 1 : 0), values.end());
  if (specs.size() > max_serverspecs) {
    out.decisions.push_back(fmt::format("only the first {} serverspecs are used; {} ignored (sipfo's assumption: the "
                                        "guide's field is \"domain; serverspec1; serverspec2; serverspec3; "
                                        "serverspec4\" and says nothing of a fifth)",
                                        max_serverspecs,
                                        fmt::join(specs.begin() + max_serverspecs, specs.end(), ", ")));
    specs.resize(max_serverspecs);
  }

  QueryTrace trace(resolver, out);
  for (std::size_t i = 0; i < specs.size(); ++i) {
    auto found = resolve_serverspec(specs[i], static_cast<int>(i + 1), setting, trace, out);
    if (found.empty() && domain_only) {
      out.findings.push_back(make_finding(
        handset::FindingCode::serverspec_unresolved,
        fmt::format("serverspec {} (P{}) gives no address: that rank of the server list is empty", specs[i], i + 1)));
    }
    std::move(found.begin(), found.end(), std::back_inserter(out.candidates));
  }
  report_load_balancing(out);
  finish_resolution(out, Ranking::as_set);
  return out;
}

} // namespace sipfo::handset
