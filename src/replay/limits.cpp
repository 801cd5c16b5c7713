#include "limits.hpp"

#include "sipfo/replay/fleet.hpp"
#include "sipfo/replay/shown.hpp"
#include "sipfo/replay/simulation.hpp"
#include "sipfo/util/input_error.hpp"

#include <fmt/format.h>

#include <vector>

namespace sipfo::replay {

namespace {

// The periodic timers the scenario shortened: the knobs that make the work grow.
std::string timer_knobs(const Scenario& scenario)
{
  std::vector<std::string> keys;
  for (const auto& given : scenario.given) {
    const auto* spec = find_parameter(scenario.model, given.key);
    if (spec != nullptr && (spec->kind == ValueKind::seconds || spec->kind == ValueKind::milliseconds)) {
      keys.push_back(shown(given.key));
    }
  }
  if (keys.empty()) return "the model's timers in [phone]";
  return fmt::format("{} in [phone]", fmt::join(keys, ", "));
}

std::string where(const Scenario& scenario)
{
  return shown(scenario.file, 4096);
}

} // namespace

void too_many_rows(const Scenario& scenario, SimTime at, bool every_row)
{
  throw util::InputError(
    where(scenario),
    fmt::format("the timeline passes {} rows {} into the run (the limit of rows kept for output)", max_timeline_rows,
                span_text(at)),
    every_row ? fmt::format("--json lists every row: shorten --duration, lengthen {}, or drop --json for the summary",
                            timer_knobs(scenario))
              : fmt::format("shorten --duration or lengthen {}", timer_knobs(scenario)));
}

void too_much_work(const Scenario& scenario, std::uint64_t events, std::uint32_t phones, bool foreseen)
{
  const auto what =
    foreseen ? fmt::format("{} phones x {} events for the first one is over the budget of {} simulated events", phones,
                           events, max_events)
             : fmt::format("the run passes the budget of {} simulated events", max_events);
  throw util::InputError(where(scenario), what,
                         fmt::format("shorten --duration{}, or lengthen {}", phones > 1 ? ", give fewer --fleet phones" : "",
                                     timer_knobs(scenario)));
}

void check_fleet_size(const Scenario& scenario, std::size_t servers)
{
  const auto seconds = static_cast<std::uint64_t>((scenario.duration + 999) / 1000);
  const auto buckets = static_cast<std::uint64_t>((scenario.duration + scenario.fleet.bucket - 1) / scenario.fleet.bucket);
  if (servers * seconds > max_fleet_second_cells) {
    throw util::InputError(where(scenario),
                           fmt::format("a fleet of {} servers over {} keeps {} per-second counts, over the limit of {}",
                                       servers, span_text(scenario.duration), servers * seconds, max_fleet_second_cells),
                           "shorten --duration or list fewer servers");
  }
  if (buckets * (servers + 1) > max_fleet_bucket_cells) {
    throw util::InputError(where(scenario),
                           fmt::format("{} buckets x ({} servers + none) is over the limit of {} fleet cells", buckets,
                                       servers, max_fleet_bucket_cells),
                           "give a longer --bucket (fleet.bucket), a shorter --duration, or fewer servers");
  }
}

} // namespace sipfo::replay
