#include "phone_context.hpp"

#include "fleet_tally.hpp"
#include "limits.hpp"

#include <algorithm>

namespace sipfo::replay {

namespace {

// Heap order: the earliest (at, kind, seq) on top. A function object, so the heap
// operations inline it.
struct Later {
  bool operator()(const PhoneEvent& a, const PhoneEvent& b) const noexcept
  {
    if (a.at != b.at) return a.at > b.at;
    if (a.kind != b.kind) return a.kind > b.kind;
    return a.seq > b.seq;
  }
};

} // namespace

// The queue holds a handful of timers: a vector sorted latest-first, so the next
// timer is at the back (pop is O(1)) and a push moves a few elements; cheaper
// than a binary heap at this size.
void EventQueue::push(const PhoneEvent& event)
{
  auto pos = heap_.end();
  while (pos != heap_.begin() && Later{}(event, *(pos - 1))) --pos;
  heap_.insert(pos, event);
}

PhoneEvent EventQueue::pop()
{
  const auto event = heap_.back();
  heap_.pop_back();
  return event;
}

PhoneContext::PhoneContext(const Scenario& scenario_, const World& world_, const PhoneRun& run, PhoneResult& result,
                           FleetTally* tally)
    : scenario(scenario_), world(world_), p(scenario_.parameters), prng(scenario_.seed, run.id), result_(result),
      tally_(tally), record_(run.record_timeline), record_routine_(run.record_routine),
      bulk_(run.bulk && !run.record_timeline)
{
  result_.boot_at = run.boot_at;
  queue_.reserve(32);
  result_.messages.assign(world.servers.size(), MessageCounts{});
}

std::uint32_t PhoneContext::arm(TimerKind kind, SimTime at, int arg)
{
  if (++next_token_ == 0) ++next_token_;
  queue_.push(PhoneEvent{at, kind, next_seq_++, next_token_, arg});
  return next_token_;
}

const std::vector<SimTime>& PhoneContext::send_schedule(const TransactionRules& rules, int sends)
{
  const bool invite = rules.method == Method::invite;
  if (rules.t1 != schedule_t1_ || rules.t2 != schedule_t2_ || rules.retry_interval != schedule_retry_ ||
      invite != schedule_invite_) {
    schedule_.clear();
    schedule_t1_ = rules.t1;
    schedule_t2_ = rules.t2;
    schedule_retry_ = rules.retry_interval;
    schedule_invite_ = invite;
  }
  // The send instants of RFC 3261 17.1.1.2 / 17.1.2.2 (or retryTimeOut pacing),
  // worked out once per phone and reused by every transaction.
  while (static_cast<int>(schedule_.size()) < sends) {
    const auto k = schedule_.size();
    if (k == 0) {
      schedule_.push_back(0);
      schedule_interval_ = rules.t1;
    } else if (rules.retry_interval > 0) {
      schedule_.push_back(schedule_.back() + rules.retry_interval);
    } else {
      schedule_.push_back(schedule_.back() + (invite ? schedule_interval_ : std::min(schedule_interval_, rules.t2)));
      schedule_interval_ = std::min<SimTime>(schedule_interval_ * 2, 1'000'000'000'000);
    }
  }
  return schedule_;
}

void PhoneContext::count_sends(int server, SimTime start, int sends, const TransactionRules& rules)
{
  result_.messages[static_cast<std::size_t>(server)][static_cast<std::size_t>(rules.method)] +=
    static_cast<std::uint64_t>(sends);
  tally_sends(server, start, sends, rules);
}

void PhoneContext::tally_sends(int server, SimTime start, int sends, const TransactionRules& rules)
{
  if (tally_ == nullptr || rules.method == Method::invite || sends <= 0) return;
  std::uint32_t* row = tally_->row(server, rules.method);
  const std::size_t stride = tally_->stride();
  // The whole schedule in one pass over a cached table: no per-send pacing arithmetic.
  const auto& offsets = send_schedule(rules, sends);
  const SimTime limit = tally_->seconds * 1000;
  for (int k = 0; k < sends; ++k) {
    const SimTime at = start + offsets[static_cast<std::size_t>(k)];
    if (at >= limit) break;
    if (at >= 0) ++row[static_cast<std::size_t>(at / 1000) * stride];
  }
}

void PhoneContext::count_periodic(int server, SimTime start, SimTime period, std::int64_t rounds, int sends,
                                  const TransactionRules& rules)
{
  if (rounds <= 0 || sends <= 0) return;
  result_.messages[static_cast<std::size_t>(server)][static_cast<std::size_t>(rules.method)] +=
    static_cast<std::uint64_t>(sends) * static_cast<std::uint64_t>(rounds);
  if (tally_ == nullptr || rules.method == Method::invite) return;
  // A period of whole seconds moves every send by the same number of table rows,
  // so each send of the schedule is one run in the period's comb.
  std::uint32_t* comb = (period % 1000 == 0 && start >= 0 && rounds > 2)
                          ? tally_->comb_row(period / 1000, server, rules.method)
                          : nullptr;
  if (comb == nullptr) {
    for (std::int64_t k = 0; k < rounds; ++k) tally_sends(server, start + k * period, sends, rules);
    return;
  }
  const std::size_t stride = tally_->stride();
  const auto& offsets = send_schedule(rules, sends);
  const std::int64_t step = period / 1000;
  for (int k = 0; k < sends; ++k) {
    const std::int64_t first = (start + offsets[static_cast<std::size_t>(k)]) / 1000;
    if (first >= tally_->seconds) break;
    ++comb[static_cast<std::size_t>(first) * stride];
    const std::int64_t past = first + rounds * step;
    if (past < tally_->seconds) --comb[static_cast<std::size_t>(past) * stride];
  }
}

void PhoneContext::bind(int server, SimTime at, SimTime until)
{
  if (bound_ >= 0 && bound_ != server) unbind(at);
  if (bound_ < 0) bound_from_ = at;
  bound_ = server;
  bound_until_ = until;
}

void PhoneContext::unbind(SimTime at)
{
  if (bound_ < 0) return;
  result_.bindings.push_back(Binding{bound_, bound_from_, std::max(at, bound_from_)});
  bound_ = -1;
}

void PhoneContext::detect(SimTime at)
{
  if (!result_.detect_at) result_.detect_at = at;
}

void PhoneContext::move(SimTime at, int from, int to, std::string reason, bool failback)
{
  auto& moves = failback ? result_.failbacks : result_.failovers;
  moves.push_back(Move{at, from, to, std::move(reason)});
}

void PhoneContext::note(SimTime at, std::string event, int server, LineState state, std::string why, bool routine)
{
  if (!record_) return;
  if (routine && !record_routine_) {
    ++result_.routine_not_kept; // text output only counts them
    return;
  }
  if (result_.timeline.size() >= max_timeline_rows) too_many_rows(scenario, at, record_routine_);
  result_.timeline.push_back(TimelineRow{at, std::move(event), server, state, bound_, std::move(why), routine});
}

const std::string& PhoneContext::name(int server) const
{
  static const std::string none = "-";
  return server >= 0 ? world.servers[static_cast<std::size_t>(server)].name : none;
}

void PhoneContext::finish(SimTime end)
{
  result_.registered_at_end = bound_ >= 0 && bound_until_ > end;
  if (bound_ >= 0) unbind(std::min(end, bound_until_));
  const SimTime lifetime = std::max<SimTime>(0, end - result_.boot_at);
  SimTime bound_time = 0, delivered = 0;
  for (const auto& binding : result_.bindings) {
    const auto from = std::max(binding.from, result_.boot_at);
    const auto to = std::min(binding.to, end);
    if (to <= from) continue;
    bound_time += to - from;
    delivered += world.deliverable_time(binding.server, from, to);
  }
  result_.unregistered_ms = lifetime - bound_time;
  result_.service_gap_ms = lifetime - delivered;
}

} // namespace sipfo::replay
