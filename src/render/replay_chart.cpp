// ASCII charts for replay: the active server of one phone over time, and a
// fleet's per-server counts as rows of density characters.

#include "replay_chart.hpp"

#include "sipfo/render/replay_report.hpp"
#include "sipfo/replay/shown.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace sipfo::render {

namespace {

using replay::SimTime;

// Column c covers [c * end / width, (c + 1) * end / width).
SimTime column_start(int c, SimTime end, int width)
{
  return static_cast<SimTime>(static_cast<long double>(end) * c / width);
}

// A server's name as the terminal shows it (replay::shown: no control bytes).
std::string label_of(const replay::World& world, std::size_t server)
{
  return replay::shown(world.servers[server].name);
}

std::size_t label_width(const replay::World& world)
{
  std::size_t longest = 4; // "none"
  for (std::size_t s = 0; s < world.servers.size(); ++s) longest = std::max(longest, label_of(world, s).size());
  return longest;
}

std::string time_axis(SimTime end, int width, std::size_t indent)
{
  const auto first = sim_time_text(0);
  const auto last = sim_time_text(end);
  std::string axis(indent + 1, ' ');
  axis += first;
  const auto room = static_cast<std::size_t>(width) + 1; // the last label ends under the closing bar
  if (room > first.size() + last.size()) axis += std::string(room - first.size() - last.size(), ' ');
  else axis += ' ';
  axis += last;
  return axis + "\n";
}

} // namespace

std::string active_server_chart(const replay::PhoneResult& phone, const replay::World& world, SimTime end, int width)
{
  if (width < 10) width = 10;
  const auto label = label_width(world);
  std::vector<std::string> rows(world.servers.size() + 1, std::string(static_cast<std::size_t>(width), '.'));
  auto& none = rows.back();
  for (int c = 0; c < width; ++c) {
    const SimTime from = std::max(column_start(c, end, width), phone.boot_at);
    const SimTime to = column_start(c + 1, end, width);
    if (to <= from) {
      if (to <= phone.boot_at) none[static_cast<std::size_t>(c)] = ' ';
      continue;
    }
    SimTime bound = 0;
    for (const auto& binding : phone.bindings) {
      const auto a = std::max(binding.from, from), b = std::min(binding.to, to);
      if (b <= a) continue;
      bound += b - a;
      rows[static_cast<std::size_t>(binding.server)][static_cast<std::size_t>(c)] = '#';
    }
    if (bound < to - from) none[static_cast<std::size_t>(c)] = '#';
  }
  std::string out;
  for (std::size_t s = 0; s < world.servers.size(); ++s) {
    out += fmt::format("  {:<{}} |{}|\n", label_of(world, s), label, rows[s]);
  }
  out += fmt::format("  {:<{}} |{}|\n", "none", label, none);
  out += time_axis(end, width, label + 3);
  return out;
}

std::string density_row(const std::vector<double>& values, double scale)
{
  static constexpr std::string_view levels = " .:-=+*#%@";
  std::string row;
  for (const double v : values) {
    if (scale <= 0 || v <= 0) {
      row += ' ';
      continue;
    }
    auto level = static_cast<std::size_t>(v / scale * static_cast<double>(levels.size() - 1) + 0.5);
    level = std::clamp<std::size_t>(level, 1, levels.size() - 1);
    row += levels[level];
  }
  return row;
}

std::string fleet_chart(const replay::FleetResult& fleet, const replay::World& world, SimTime end, int width)
{
  if (width < 10) width = 10;
  const auto label = label_width(world);
  const std::size_t servers = world.servers.size();
  const auto buckets = fleet.intervals.size();
  auto bucket_of = [&](int c) {
    return std::min(buckets - 1, static_cast<std::size_t>(column_start(c, end, width) / fleet.bucket));
  };
  std::string out;
  out += fmt::format("Registered phones per server (scale: @ = {})\n", fleet.phones);
  for (std::size_t s = 0; s <= servers; ++s) {
    std::vector<double> values;
    for (int c = 0; c < width && buckets > 0; ++c) {
      const auto& interval = fleet.intervals[bucket_of(c)];
      values.push_back(s < servers ? interval.registered[s] : interval.unregistered);
    }
    out += fmt::format("  {:<{}} |{}|\n", s < servers ? label_of(world, s) : std::string("none"), label,
                       density_row(values, fleet.phones));
  }
  out += time_axis(end, width, label + 3);
  // REGISTER sends per column, as a rate, on one scale for every server.
  std::vector<std::vector<double>> rates(servers);
  double top = 0;
  for (std::size_t s = 0; s < servers; ++s) {
    for (int c = 0; c < width && buckets > 0; ++c) {
      const auto first = static_cast<std::size_t>(column_start(c, end, width) / fleet.bucket);
      const auto last = std::max(first + 1, static_cast<std::size_t>(column_start(c + 1, end, width) / fleet.bucket));
      double sends = 0;
      for (auto b = first; b < last && b < buckets; ++b) sends += fleet.intervals[b].register_sends[s];
      const double seconds = static_cast<double>(last - first) * static_cast<double>(fleet.bucket) / 1000.0;
      rates[s].push_back(sends / seconds);
      top = std::max(top, rates[s].back());
    }
  }
  out += fmt::format("REGISTER sends per second (scale: @ = {:.1f}/s)\n", top);
  for (std::size_t s = 0; s < servers; ++s) {
    out += fmt::format("  {:<{}} |{}|\n", label_of(world, s), label, density_row(rates[s], top));
  }
  out += time_axis(end, width, label + 3);
  return out;
}

} // namespace sipfo::render
