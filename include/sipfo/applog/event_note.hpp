#pragma once
// The one-line notes of --explain: what a line means, as a support engineer reads it
// in CS-14-17's "Parsing the Log" walkthrough. Each message's note is in its entry of
// the message table (message_format.cpp), next to its wording.

#include "sipfo/applog/event.hpp"

#include <string>

namespace sipfo::applog {

std::string note_for(const Event& event);

} // namespace sipfo::applog
