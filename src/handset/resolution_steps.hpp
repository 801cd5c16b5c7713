#pragma once
// The steps every profile is built from: SRV records to candidates, a name to
// address candidates, and the checks that look at the finished result.

#include "query_trace.hpp"
#include "srv_order.hpp"

#include "sipfo/handset/resolution.hpp"
#include "sipfo/handset/server_setting.hpp"

#include <random>
#include <string>

namespace sipfo::handset {

// Which address records a handset asks for (design §3, "address family").
enum class AddressFamilies { a_only, aaaa_and_a };

struct StepRules {
  SrvOrder srv_order = SrvOrder::weight_descending;
  AddressFamilies families = AddressFamilies::a_only;
  std::mt19937_64* random = nullptr; // required for SrvOrder::weighted_random
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

// A literal IP used as is (seed 000: "returning passed in ipAddress").
Candidate literal_candidate(const std::string& address, std::uint16_t port, Transport transport);

// How candidates are ranked: by position in try order, or as the profile set them
// (PIVOT ranks by serverspec, P1..P4).
enum class Ranking { try_order, as_set };

// Ranks the candidates and adds the findings that need the whole result: DNS
// errors in the trace, truncation, redundancy, TTLs.
void finish_resolution(Resolution& resolution, Ranking ranking = Ranking::try_order);

} // namespace sipfo::handset
