#pragma once
// Per-second send counts of a whole fleet, filled while each phone runs.

#include "sipfo/replay/scenario.hpp"
#include "sipfo/replay/simulation.hpp"

#include <cstdint>
#include <vector>

namespace sipfo::replay {

struct FleetTally {
  std::int64_t seconds = 0;                          // length of each per-second array
  std::vector<std::vector<std::uint32_t>> register_per_second; // [server][second]
  std::vector<std::vector<std::uint32_t>> options_per_second;  // [server][second]

  void add(int server, Method method, SimTime at)
  {
    if (at < 0) return;
    const auto second = at / 1000;
    if (second >= seconds) return;
    auto& table = method == Method::options ? options_per_second : register_per_second;
    if (method == Method::invite) return;
    ++table[static_cast<std::size_t>(server)][static_cast<std::size_t>(second)];
  }
};

} // namespace sipfo::replay
