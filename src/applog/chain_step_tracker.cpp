#include "sipfo/applog/chain_step_tracker.hpp"

#include <algorithm>

namespace sipfo::applog {

namespace {

constexpr std::size_t used_address_limit = 16;

bool is_settled(const Attempt& attempt) noexcept
{
  return !attempt.failures.empty() || attempt.explicit_success_line != 0;
}

} // namespace

void ChainStepTracker::on_srv_to_a(std::uint64_t number, const LogLine& line, const Event& event)
{
  Attempt& a = story_.attempt_or_open(number);
  if (a.srv_to_a.size() < story_.limits().records_per_lookup) {
    a.srv_to_a.push_back(SrvToA{std::string(event.host), event.number, number});
  }
  story_.explain(number, line, event);
}

void ChainStepTracker::on_srv_to_a_done(std::uint64_t number, const LogLine& line, const Event& event)
{
  if (event.detail.substr(0, 2) == "OK") story_.attempt_or_open(number).chain_done_line = number;
  story_.explain(number, line, event);
}

void ChainStepTracker::on_srv_fallback(std::uint64_t number, const LogLine& line, const Event& event)
{
  story_.attempt_or_open(number).transport = transport_from(event.address);
  story_.explain(number, line, event);
}

// "Doing DNS A lookup (port N)" before any NAPTR or SRV: the port is configured.
void ChainStepTracker::on_a_lookup_step(std::uint64_t number, const LogLine& line, const Event& event)
{
  Attempt* a = story_.attempt();
  if (a == nullptr || is_settled(*a)) a = &story_.open_attempt(number);
  a_step_pending_ = true;
  a->transport = transport_from(event.address);
  const bool no_srv_yet = std::none_of(a->lookups.begin(), a->lookups.end(), [](const DnsLookup& l) {
    return l.type == RecordType::naptr || l.type == RecordType::srv;
  });
  if (no_srv_yet && event.number > 0 && a->a_step_line == 0) {
    a->explicit_port = event.number;
    a->a_step_line = number;
  }
  story_.explain(number, line, event);
}

void ChainStepTracker::on_port_kept(std::uint64_t number, const LogLine& line, const Event& event)
{
  story_.explain(number, line, event);
}

void ChainStepTracker::on_passed_in_address(std::uint64_t number, const LogLine& line, const Event& event)
{
  if (Attempt* a = story_.attempt(); a != nullptr && a->used_addresses.size() < used_address_limit) {
    a->used_addresses.push_back(UsedAddress{number, std::string(event.address)});
  }
  story_.explain(number, line, event);
}

} // namespace sipfo::applog
