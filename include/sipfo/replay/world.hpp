#pragma once
// What the phones live in, as a pure function of time: each server's mode, the
// phone-side network, and DNS (which zones answer, whether the DNS server is up).
// Built once from the scenario; every phone of a fleet reads the same world and
// nothing a phone does changes it, so phones can be simulated one at a time.

#include "sipfo/handset/candidate.hpp"
#include "sipfo/handset/finding.hpp"
#include "sipfo/replay/scenario.hpp"
#include "sipfo/replay/sim_time.hpp"

#include <string>
#include <vector>

namespace sipfo::replay {

// A candidate as the simulator sees it: a server and its place in the list.
struct SimCandidate {
  int server = -1;              // index into World::servers
  int rank = 1;                 // try order (PIVOT: serverspec number)
  std::uint16_t priority = 1;
  std::uint16_t weight = 0;
  handset::Transport transport = handset::Transport::udp;
  SimTime a_ttl = 300'000;      // the TTL of the A record the address came from
  int group = 0;                // SRV RRset it came from (rfc3263 reorders inside a group)
};

// What resolving the phone's setting gives during one DNS epoch.
struct DnsEpoch {
  SimTime from = 0;             // valid from this instant until the next epoch
  bool dns_up = true;           // false: every query times out (dns.down)
  bool uses_dns = true;         // false: literal IPs or the [[server]] list, no query at all
  std::vector<SimCandidate> candidates; // in the order the profile tries them
  // The list has a primary to fail back to (handset::has_preferred_server, the
  // function resolve's equal_priority_no_failback is decided by).
  bool preferred = true;
  SimTime cache_ttl = never;    // how long the phone may keep this answer (smallest TTL)
  int queries = 0;              // questions the phone asks to get it
  std::vector<handset::Finding> findings;
};

// What a request meets at an instant.
struct Reach {
  enum class Kind : std::uint8_t { answer, refused, silent };
  Kind kind = Kind::answer;
  int code = 200;
  SimTime retry_after = 0;
};

struct World {
  std::vector<ScenarioServer> servers;              // listed ones first, then discovered ones
  std::vector<std::vector<std::pair<SimTime, ServerMode>>> modes; // per server, by time
  std::vector<std::pair<SimTime, SimTime>> net_down; // [from, to) intervals, sorted
  std::vector<DnsEpoch> epochs;                     // sorted by `from`, the first from 0
  SimTime duration = 0;

  // The server's mode at `t`, events at `t` included (C4: scenario events first).
  const ServerMode& mode_at(int server, SimTime t) const;
  bool network_up(SimTime t) const;
  // What a request of `method` sent to `server` at `t` meets (network included).
  Reach reach(int server, Method method, SimTime t) const;
  const DnsEpoch& epoch_at(SimTime t) const;
  // Time in [from, to) during which `server` would deliver a call to the phone:
  // the server answers INVITE and the phone's network is up (handset-models C7).
  SimTime deliverable_time(int server, SimTime from, SimTime to) const;
  // The earliest scenario instant a server stops answering, or never.
  SimTime first_outage() const;
};

// Builds the world: resolves the phone's setting with its profile against the
// zones in force in each DNS epoch (scenario zones, then `extra_zones`), maps
// candidates to the [[server]] entries by address, and orders the events.
// Throws util::InputError for unreadable zones or a setting that needs DNS
// without any zone.
World build_world(const Scenario& scenario, const std::vector<std::string>& extra_zones);

// Phone `id`'s network-down intervals: the net.* events for every phone and those
// whose phones/share choose it (World::net_down holds only the former).
std::vector<std::pair<SimTime, SimTime>> phone_net_down(const Scenario& scenario, std::uint32_t id);

} // namespace sipfo::replay
