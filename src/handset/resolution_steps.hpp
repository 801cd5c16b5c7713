#pragma once
// The steps every profile is built from: SRV records to candidates, a name to
// address candidates, and the checks that look at the finished result.

#include "query_trace.hpp"
#include "srv_order.hpp"

#include "sipfo/handset/preference.hpp"
#include "sipfo/handset/resolution.hpp"
#include "sipfo/handset/server_setting.hpp"

#include <optional>
#include <random>
#include <string>

namespace sipfo::handset {

// Which address records a handset asks for (design §3, "address family").
enum class AddressFamilies { a_only, aaaa_and_a };

// What a handset does with an SRV record whose port is 0 (nothing can be sent to
// port 0): skip the record (as Kamailio does), or use the transport's default port
// as when "no port is found through the DNS query" (Yealink "Server Domain Name
// Resolution"; Technical Bulletin CS-14-17, DNS Configuration, Step 1).
enum class SrvPortZero { skip, default_port };

// What a handset does with an SRV target that is a dotted IPv4 address
// ("127.0.0.85."): ask A for it as a name, or use it as the address.
enum class NumericTarget { ask_a, use_directly };

struct StepRules {
  SrvOrder srv_order = SrvOrder::weight_descending;
  AddressFamilies families = AddressFamilies::a_only;
  std::mt19937_64* random = nullptr; // required for SrvOrder::weighted_random
  SrvPortZero port_zero = SrvPortZero::skip;
  NumericTarget numeric_target = NumericTarget::ask_a;
  // The 84-Series asks the targets' A records one after the other (Technical
  // Bulletin CS-14-17, Successful Registration Log, lines 30-42); others at once.
  bool targets_one_by_one = false;
  // The port used for port 0 under SrvPortZero::default_port; 0 = the
  // transport's default (5060, 5061 for TLS).
  std::uint16_t port_zero_port = 0;
};

// Orders the SRV records of `srv`, asks the address records of every target at
// once, and turns them into candidates (SRV port, `transport`). Adds the findings
// about the targets. Empty when no target has an address: the handset then stops
// (design §3: "SRV records found but no target resolves: stop").
std::vector<Candidate> candidates_from_srv(const Lookup& srv, Transport transport, QueryTrace& trace,
                                           Resolution& resolution, const StepRules& rules);

// Candidates from the address records of `name` itself (no SRV).
std::vector<Candidate> candidates_from_name(const std::string& name, std::uint16_t port, Transport transport,
                                            const std::string& purpose, QueryTrace& trace, Resolution& resolution,
                                            const StepRules& rules);

// The transport a candidate uses when DNS does not say (an IP, an A record):
// TLS for tls; TCP for tcp and tcp-preferred; UDP for udp and naptr (RFC 3263
// 4.1: without NAPTR and a transport parameter, UDP).
Transport transport_for(TransportSetting setting) noexcept;

// A literal IP used as is (CS-14-17: "returning passed in ipAddress").
Candidate literal_candidate(const std::string& address, std::uint16_t port, Transport transport);

// Why an address can never be a SIP server (0.0.0.0, ::, 255.255.255.255,
// 224.0.0.0/4, ff00::/8); nullopt for a usable one.
std::optional<std::string> unusable_address_reason(std::string_view address);

// How candidates are ranked: by position in try order, or as the profile set them
// (PIVOT ranks by serverspec, P1..P4).
enum class Ranking { try_order, as_set };

// Ranks the candidates and adds the findings that need the whole result: DNS
// errors in the trace, truncation, redundancy, TTLs.
// `preference` decides equal_priority_no_failback (has_preferred_server); `basis`
// is the document sentence (or sipfo's assumption) the finding cites.
struct Preference {
  PreferenceRule rule = PreferenceRule::priority_only;
  std::string basis;
};
void finish_resolution(Resolution& resolution, Ranking ranking = Ranking::try_order,
                       const Preference& preference = {});

} // namespace sipfo::handset
