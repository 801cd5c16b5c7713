#include "sipfo/applog/sip_outcome_tracker.hpp"

#include <fmt/format.h>

namespace sipfo::applog {

namespace {

constexpr std::size_t failure_limit = 32;
constexpr std::size_t step_limit = 64;

bool is_settled(const Attempt& attempt) noexcept
{
  return !attempt.failures.empty() || attempt.explicit_success_line != 0;
}

void add_failure(Attempt& a, SipFailure failure)
{
  if (a.failures.size() < failure_limit) a.failures.push_back(std::move(failure));
  else a.failures.back() = std::move(failure);
}

void add_step(Attempt& a, std::uint64_t number, std::string summary)
{
  if (a.sip_steps.size() < step_limit) a.sip_steps.push_back(SipStep{number, std::move(summary)});
}

} // namespace

// A "Sip Register" adopts the attempt its DNS chain opened, unless that one is over.
void SipOutcomeTracker::on_register_start(std::uint64_t number, const LogLine& line, const Event& event)
{
  Attempt* a = story_.attempt();
  const bool adopt = a != nullptr && a->register_line == 0 && !is_settled(*a) && a->chain_done_line == 0;
  if (!adopt) a = &story_.open_attempt(number);
  a->register_line = number;
  a->user.assign(event.host);
  a->line_index = event.number;
  story_.explain(number, line, event);
}

void SipOutcomeTracker::on_naptr_empty(std::uint64_t number, const LogLine& line, const Event& event)
{
  Attempt& a = story_.attempt_or_open(number);
  a.reported_host.assign(event.host);
  a.naptr_empty_line = number;
  story_.explain(number, line, event);
}

void SipOutcomeTracker::on_no_address(std::uint64_t number, const LogLine& line, const Event& event)
{
  Attempt& a = story_.attempt_or_open(number);
  a.reported_host.assign(event.host);
  a.no_address_line = number;
  a.transport = transport_from(event.address);
  story_.explain(number, line, event);
}

void SipOutcomeTracker::on_registration_failed(std::uint64_t number, const LogLine& line, const Event& event)
{
  add_failure(story_.attempt_or_open(number),
              SipFailure{number, event.number, std::string(event.detail), std::string(event.host), {}});
  story_.explain(number, line, event);
}

void SipOutcomeTracker::on_register_timeout(std::uint64_t number, const LogLine& line, const Event& event)
{
  add_failure(story_.attempt_or_open(number),
              SipFailure{number, 408, "Request Timeout (no answer)", std::string(event.host), std::string(event.address)});
  story_.explain(number, line, event);
}

void SipOutcomeTracker::on_registration_ok(std::uint64_t number, const LogLine& line, const Event& event)
{
  Attempt& a = story_.attempt_or_open(number);
  a.explicit_success_line = number;
  a.explicit_server.assign(event.address);
  story_.explain(number, line, event);
}

void SipOutcomeTracker::on_register_response(std::uint64_t number, const LogLine& line, const Event& event)
{
  Attempt& a = story_.attempt_or_open(number);
  if (event.number >= 200 && event.number < 300) {
    a.explicit_success_line = number;
    a.explicit_server.assign(event.address);
  }
  add_step(a, number, fmt::format("{} {} from {}", event.number, event.detail, event.address));
  story_.explain(number, line, event);
}

void SipOutcomeTracker::on_register_request(std::uint64_t number, const LogLine& line, const Event& event)
{
  add_step(story_.attempt_or_open(number), number, fmt::format("REGISTER to {} ({})", event.address, event.detail));
  story_.explain(number, line, event);
}

void SipOutcomeTracker::on_server_change(std::uint64_t number, const LogLine& line, const Event& event)
{
  add_step(story_.attempt_or_open(number), number,
           fmt::format("{} {} -> {}", event.kind == EventKind::server_failover ? "failover" : "failback", event.address,
                       event.detail));
  story_.explain(number, line, event);
}

} // namespace sipfo::applog
