#pragma once
// The PIVOT (87-Series) state machine of handset-models §5 (CS-18-09): OPTIONS
// pings to every candidate on a grid from boot, statuses up/down/failed/unknown,
// failover to the most preferred `up` candidate, failback within one ping period,
// DNS re-query every ~2 h, and a freeze while the network is down.

#include "phone_context.hpp"

#include <memory>

namespace sipfo::replay {

std::unique_ptr<Machine> make_pivot_machine(PhoneContext& context);

} // namespace sipfo::replay
