#pragma once
// The one-line notes of --explain: what a line means, as a support engineer reads it
// in CS-14-17's "Parsing the Log" walkthrough.

#include "sipfo/applog/event.hpp"

#include <string>

namespace sipfo::applog {

std::string note_for(const Event& event);

} // namespace sipfo::applog
