#pragma once
// Per-second send counts of a whole fleet, filled while each phone runs. One
// flat table, second-major: a phone's sends of one instant (a ping round to every
// server, a refresh) land on one cache line, not on one line per server and method.
//
// A run of sends that repeats every P whole seconds (a quiet stretch of ping
// rounds, refreshes, or retries against a dead server, tallied in one step) goes
// into a comb for P instead: +1 at its first second and -1 one period past its
// last, so n rounds cost two writes, not n. settle() folds each comb into the
// table (comb[s] += comb[s - P], then cells += comb) once every phone has run.

#include "sipfo/replay/scenario.hpp"
#include "sipfo/replay/simulation.hpp"

#include <cstdint>
#include <vector>

namespace sipfo::replay {

struct FleetTally {
  std::int64_t seconds = 0;          // simulated seconds counted
  std::size_t servers = 0;
  std::vector<std::uint32_t> cells;  // [second][server][register, options]

  struct Comb {
    std::int64_t period = 0;          // seconds
    std::vector<std::uint32_t> cells; // differences, laid out as `cells` (modulo 2^32)
  };
  std::vector<Comb> combs;
  // Combs cost a table each: a few periods, and only while the table is small.
  static constexpr std::size_t max_combs = 3;
  static constexpr std::size_t max_comb_bytes = 4u << 20;

  void reset(std::size_t server_count, std::int64_t second_count)
  {
    servers = server_count;
    seconds = second_count;
    cells.assign(static_cast<std::size_t>(second_count) * server_count * 2, 0);
    combs.clear();
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

  // The comb for a period of `period` seconds laid out as row(server, method), or
  // nullptr when no more combs fit (the caller then counts send by send).
  std::uint32_t* comb_row(std::int64_t period, int server, Method method)
  {
    if (period <= 0) return nullptr;
    const auto offset = static_cast<std::size_t>(server) * 2 + column(method);
    for (auto& comb : combs) {
      if (comb.period == period) return comb.cells.data() + offset;
    }
    if (combs.size() >= max_combs || cells.size() * sizeof(std::uint32_t) > max_comb_bytes) return nullptr;
    combs.push_back(Comb{period, std::vector<std::uint32_t>(cells.size(), 0)});
    return combs.back().cells.data() + offset;
  }

  // Folds every comb into `cells`; call once all phones of this tally have run.
  void settle()
  {
    const std::size_t width = stride();
    for (auto& comb : combs) {
      const auto lag = static_cast<std::size_t>(comb.period) * width;
      for (std::size_t i = 0; i < comb.cells.size(); ++i) {
        if (i >= lag) comb.cells[i] += comb.cells[i - lag];
        cells[i] += comb.cells[i];
      }
    }
    combs.clear();
  }
};

} // namespace sipfo::replay
