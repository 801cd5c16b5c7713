#pragma once
// Does a candidate list have a preferred server, one the phone goes back to after a
// failover? One answer for `resolve` (finding equal_priority_no_failback) and for
// `replay` (whether the phone fails back), so the two cannot disagree (issue 10).

#include "sipfo/handset/candidate.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sipfo::handset {

// How a handset ranks the servers it has found.
enum class PreferenceRule {
  // Spectralink 84-Series and Yealink: lower SRV priority first, then the higher
  // weight (Technical Bulletin CS-14-17, Option 1: "If you have two SRV records that
  // have the same priority then the weight will be used to determine the server that
  // gets used"; Yealink "Server Redundancy on Yealink IP Phones", Appendix A: "The
  // preference is from highest to lowest. Again, keep the same to load balance").
  priority_then_weight,
  // PIVOT: serverspec rank, then SRV priority (CS-18-09, Preferred server examples).
  rank_then_priority,
  // RFC 2782: the weight is a random draw, so only the priority makes a preference.
  priority_only,
};

// The rule of a profile id ("spectralink-84", "yealink", "pivot", "rfc3263").
PreferenceRule preference_rule(std::string_view profile_id) noexcept;

struct RankedServer {
  std::string server;       // what tells two servers apart ("10.0.0.1:5060")
  int rank = 1;             // PIVOT serverspec number; 1 elsewhere
  std::uint16_t priority = 1;
  std::uint16_t weight = 0;
  bool from_srv = false;    // false: a literal IP, an A record list or a listed server
};

// True when some server is strictly more preferred than another under `rule`, so
// the phone has a primary to fail back to. Servers not from SRV keep the order they
// are listed in (a fixed order is a preference). Fewer than two distinct servers:
// false (nothing to fail back to).
bool has_preferred_server(std::span<const RankedServer> servers, PreferenceRule rule);

// A resolved candidate list as RankedServers (server = "address:port").
std::vector<RankedServer> ranked_servers(const std::vector<Candidate>& candidates);

} // namespace sipfo::handset
