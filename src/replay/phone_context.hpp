#pragma once
// What every handset model's state machine works with: the manual clock's event
// queue, the world, the phone's random stream, and the recorder of what happened
// (timeline, bindings, moves, messages).

#include "sipfo/replay/backoff.hpp"
#include "sipfo/replay/phone_result.hpp"
#include "sipfo/replay/scenario.hpp"
#include "sipfo/replay/simulation.hpp"
#include "sipfo/replay/transaction.hpp"
#include "sipfo/replay/world.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace sipfo::replay {

// Phone timers. At one instant they run in this order (C4: by phone, timer kind,
// sequence), after the scenario events of that instant.
enum class TimerKind : std::uint8_t {
  transaction, // a transaction ends (its outcome was worked out when it started)
  expiry,      // the registration binding runs out (C8)
  refresh,     // renew the registration
  failback,    // DNSTTL / duration failback timer (S84-A4)
  backoff,     // retry after every server failed (RFC 5626)
  tick,        // PIVOT OPTIONS round
  requery,     // PIVOT DNS re-query
  boot,        // first REGISTER after a surge-prevention wait
};

struct PhoneEvent {
  SimTime at = 0;
  TimerKind kind = TimerKind::transaction;
  std::uint32_t seq = 0;
  std::uint32_t token = 0; // the timer is live while its owner still holds this token
  int arg = 0;
};

// Pending timers ordered by (at, kind, seq), the earliest at the back. Small per phone.
class EventQueue {
public:
  void push(const PhoneEvent& event);
  PhoneEvent pop();
  bool empty() const noexcept { return heap_.empty(); }
  SimTime next_at() const noexcept { return heap_.empty() ? never : heap_.back().at; }
  void clear() noexcept { heap_.clear(); }
  void reserve(std::size_t n) { heap_.reserve(n); }

private:
  std::vector<PhoneEvent> heap_;
};

class PhoneContext {
public:
  PhoneContext(const Scenario& scenario, const World& world, const PhoneRun& run, PhoneResult& result,
               FleetTally* tally);

  const Scenario& scenario;
  const World& world;
  const ModelParameters& p;
  Prng prng;

  // Schedules a timer; returns its token (never 0).
  std::uint32_t arm(TimerKind kind, SimTime at, int arg = 0);
  EventQueue& queue() noexcept { return queue_; }

  // Counts `sends` requests of a transaction that started at `start`.
  void count_sends(int server, SimTime start, int sends, const TransactionRules& rules);
  // Counts `rounds` such transactions, the k-th starting at start + k * period: a
  // quiet stretch tallied in one step (the same counts as `rounds` count_sends).
  void count_periodic(int server, SimTime start, SimTime period, std::int64_t rounds, int sends,
                      const TransactionRules& rules);

  // Bulk stepping (a quiet stretch worked out in one step instead of one timer at a
  // time) is allowed: a fleet phone that records no timeline, unless switched off.
  bool bulk() const noexcept { return bulk_; }
  // The world stays as it is until this instant (the next scenario event, or the
  // end of the run): what starts and ends before it meets the world of now.
  SimTime quiet_until = never;
  // Timers a bulk step stood in for: they count against the work budget as if run.
  void add_events(std::uint64_t n) noexcept
  {
    bulk_events_ += n;
    ++result_.bulk_steps;
  }
  std::uint64_t take_events() noexcept
  {
    const auto n = bulk_events_;
    bulk_events_ = 0;
    return n;
  }
  bool detected() const noexcept { return result_.detect_at.has_value(); }

  // The line's registration: one binding at a time (C8).
  void bind(int server, SimTime at, SimTime until);
  void unbind(SimTime at);
  int bound_server() const noexcept { return bound_; }
  SimTime bound_until() const noexcept { return bound_until_; }

  void detect(SimTime at);
  void move(SimTime at, int from, int to, std::string reason, bool failback);

  // A timeline row; `state` and `active` are the line after the event.
  void note(SimTime at, std::string event, int server, LineState state, std::string why, bool routine = false);
  bool recording() const noexcept { return record_; }
  // Whether a row with this `routine` flag is kept: callers skip formatting a
  // row that is only counted (text output folds routine rows into a count).
  bool keeps(bool routine) noexcept
  {
    if (!record_) return false;
    if (routine && !record_routine_) {
      ++result_.routine_not_kept;
      return false;
    }
    return true;
  }
  const std::string& name(int server) const;

  // Closes the open binding at the end of the run and works out the C7 totals.
  void finish(SimTime end);

private:
  PhoneResult& result_;
  FleetTally* tally_;
  bool record_;
  bool record_routine_;
  bool bulk_;
  std::uint64_t bulk_events_ = 0;
  void tally_sends(int server, SimTime start, int sends, const TransactionRules& rules);
  EventQueue queue_;
  // The send offsets of a transaction under the last rules seen (count_sends).
  const std::vector<SimTime>& send_schedule(const TransactionRules& rules, int sends);
  std::vector<SimTime> schedule_;
  SimTime schedule_t1_ = -1, schedule_t2_ = -1, schedule_retry_ = -1, schedule_interval_ = 0;
  bool schedule_invite_ = false;
  std::uint32_t next_token_ = 0;
  std::uint32_t next_seq_ = 0;
  int bound_ = -1;
  SimTime bound_from_ = 0;
  SimTime bound_until_ = 0;
};

// One handset model's state machine.
class Machine {
public:
  virtual ~Machine() = default;
  virtual void boot(SimTime at) = 0;
  virtual void on_timer(const PhoneEvent& event) = 0;
  virtual void on_scenario(const ScenarioEvent& event) = 0;
  virtual LineState state() const = 0;
};

} // namespace sipfo::replay
