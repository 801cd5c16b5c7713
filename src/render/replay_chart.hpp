#pragma once
// Fleet charts for replay (private to the render layer).

#include "sipfo/replay/fleet.hpp"
#include "sipfo/replay/world.hpp"

#include <string>
#include <vector>

namespace sipfo::render {

// One character per value, ' ' for 0, then " .:-=+*#%@" up to `scale`.
std::string density_row(const std::vector<double>& values, double scale);

// Registered phones per server (and none) over time, then REGISTER rates.
std::string fleet_chart(const replay::FleetResult& fleet, const replay::World& world, replay::SimTime end, int width);

} // namespace sipfo::render
