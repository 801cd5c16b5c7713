#pragma once
// Per-second send counts of a whole fleet, filled while each phone runs. One
// flat table, second-major: a phone's sends of one instant (a ping round to every
// server, a refresh) land on one cache line, not on one line per server and method.

#include "sipfo/replay/scenario.hpp"
#include "sipfo/replay/simulation.hpp"

#include <cstdint>
#include <vector>

namespace sipfo::replay {

struct FleetTally {
  std::int64_t seconds = 0;          // simulated seconds counted
  std::size_t servers = 0;
  std::vector<std::uint32_t> cells;  // [second][server][register, options]

  void reset(std::size_t server_count, std::int64_t second_count)
  {
    servers = server_count;
    seconds = second_count;
    cells.assign(static_cast<std::size_t>(second_count) * server_count * 2, 0);
  }
  static std::size_t column(Method method) noexcept { return method == Method::options ? 1 : 0; }
  std::uint32_t* row(int server, Method method) noexcept
  {
    return cells.data() + static_cast<std::size_t>(server) * 2 + column(method);
  }
  std::size_t stride() const noexcept { return servers * 2; } // between one second and the next
  std::uint32_t at(std::size_t server, Method method, std::int64_t second) const noexcept
  {
    return cells[static_cast<std::size_t>(second) * stride() + server * 2 + column(method)];
  }
};

} // namespace sipfo::replay
