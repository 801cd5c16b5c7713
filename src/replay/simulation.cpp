// The engine loop: one phone's timers merged with the scenario's events under a
// manual clock. At one instant the scenario's events come first, then the phone's
// timers by (kind, sequence) (handset-models C4).

#include "sipfo/replay/simulation.hpp"

#include "concurrent_machine.hpp"
#include "limits.hpp"
#include "phone_context.hpp"
#include "pivot_machine.hpp"
#include "registrar_machine.hpp"

#include <algorithm>
#include <optional>

namespace sipfo::replay {

namespace {

std::unique_ptr<Machine> make_machine(PhoneContext& context)
{
  if (uses_concurrent_flows(context.scenario)) return make_concurrent_machine(context);
  switch (context.scenario.model) {
  case Model::pivot: return make_pivot_machine(context);
  case Model::spectralink84: return make_registrar_machine(context, spectralink84_rules());
  case Model::yealink: return make_registrar_machine(context, yealink_rules());
  case Model::rfc3263: break;
  }
  return make_registrar_machine(context, rfc3263_rules());
}

} // namespace

PhoneResult simulate_phone(const Scenario& scenario, const World& world, const PhoneRun& run, FleetTally* tally)
{
  PhoneResult result;
  // Events for part of a fleet: this phone's own network, when it differs.
  std::optional<World> own;
  const bool partial = has_partial_events(scenario);
  if (partial) {
    auto net_down = phone_net_down(scenario, run.id);
    if (net_down != world.net_down) {
      own = world;
      own->net_down = std::move(net_down);
    }
  }
  const World& phone_world = own ? *own : world;
  auto for_me = [&](std::size_t index) {
    return !partial || applies_to(scenario.events[index], index, scenario.seed, run.id);
  };
  PhoneContext context(scenario, phone_world, run, result, tally);
  const SimTime end = scenario.duration;
  if (run.boot_at >= end) {
    result.boot_at = end;
    context.finish(end);
    return result;
  }
  auto machine = make_machine(context);
  std::size_t next_event = 0;
  // Events before the boot are already part of the world the phone boots into.
  while (next_event < scenario.events.size() && scenario.events[next_event].at < run.boot_at) ++next_event;
  // C4: the scenario's events at the boot instant come first (a reboot then is the boot).
  while (next_event < scenario.events.size() && scenario.events[next_event].at == run.boot_at) {
    const auto index = next_event++;
    const auto& event = scenario.events[index];
    if (event.kind != EventKind::phone_reboot && for_me(index)) machine->on_scenario(event);
  }
  auto next_event_at = [&] { return next_event < scenario.events.size() ? scenario.events[next_event].at : never; };
  context.quiet_until = std::min(next_event_at(), end);
  machine->boot(run.boot_at);
  auto& queue = context.queue();
  while (true) {
    const SimTime timer_at = queue.next_at();
    const SimTime event_at = next_event_at();
    const SimTime t = std::min(timer_at, event_at);
    if (t >= end) break;
    if (++result.events > run.event_budget) too_much_work(scenario, result.events, 1, false);
    if (event_at <= timer_at) {
      const auto index = next_event++;
      if (for_me(index)) machine->on_scenario(scenario.events[index]);
    } else {
      // Every scenario event at or before `t` has run (C4), so the world holds
      // until the next one: what a bulk step may count on.
      context.quiet_until = std::min(event_at, end);
      machine->on_timer(queue.pop());
      if (const auto stood_in = context.take_events()) {
        result.events += stood_in;
        if (result.events > run.event_budget) too_much_work(scenario, result.events, 1, false);
      }
    }
  }
  context.finish(end);
  return result;
}

util::ExitStatus phone_status(const PhoneResult& result) noexcept
{
  if (!result.registered_at_end) return util::ExitStatus::critical;
  if (!result.failovers.empty() || !result.failbacks.empty() || result.service_gap_ms > 0) {
    return util::ExitStatus::warning;
  }
  return util::ExitStatus::ok;
}

} // namespace sipfo::replay
