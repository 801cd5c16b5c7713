#pragma once
// Concurrent registration: one independent registration flow per server entry,
// the working server being the first entry whose registration lives.
// Yealink fallback.redundancy_type 0 (handset-models §6 "Fallback, concurrent
// (default)") and the 84-Series static list (§4.1 "Static list", §4.3, [A] S84-A2).

#include "phone_context.hpp"

#include <memory>

namespace sipfo::replay {

// Whether `scenario` runs concurrent flows: Yealink with redundancy_type 0 and the
// [[server]] list as its server entries (no [phone] address), or the 84-Series with
// topology = "static".
bool uses_concurrent_flows(const Scenario& scenario) noexcept;

std::unique_ptr<Machine> make_concurrent_machine(PhoneContext& context);

} // namespace sipfo::replay
