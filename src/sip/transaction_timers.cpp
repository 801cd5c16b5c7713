#include "sipfo/sip/transaction_timers.hpp"

#include <algorithm>

namespace sipfo::sip {

std::chrono::milliseconds TimerSettings::timeout() const noexcept
{
  return timer_f.count() > 0 ? timer_f : 64 * t1;
}

NonInviteTimers::NonInviteTimers(const TimerSettings& settings, Reliability reliability, TimePoint start)
  : t2_(settings.t2),
    timer_f_at_(start + settings.timeout()),
    next_send_at_(reliability == Reliability::reliable ? TimePoint::max() : start + settings.t1),
    interval_(settings.t1)
{
}

TimePoint NonInviteTimers::next_deadline() const noexcept
{
  return std::min(timer_f_at_, next_send_at_);
}

TimerEvent NonInviteTimers::on_time(TimePoint now) noexcept
{
  if (now >= timer_f_at_) {
    next_send_at_ = TimePoint::max();
    return TimerEvent::timeout;
  }
  if (now < next_send_at_) return TimerEvent::none;
  // Timer E: the next interval doubles, capped at T2; T2 once proceeding.
  interval_ = proceeding_ ? t2_ : std::min(2 * interval_, t2_);
  next_send_at_ += interval_;
  ++sends_;
  return TimerEvent::retransmit;
}

void NonInviteTimers::on_provisional() noexcept
{
  proceeding_ = true;
  if (next_send_at_ != TimePoint::max()) interval_ = t2_;
}

} // namespace sipfo::sip
