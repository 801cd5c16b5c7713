#include "sipfo/replay/transaction.hpp"

#include <algorithm>

namespace sipfo::replay {

namespace {

bool reliable(handset::Transport transport) noexcept
{
  return transport != handset::Transport::udp;
}

} // namespace

SimTime send_offset(int k, const TransactionRules& rules) noexcept
{
  if (k <= 0) return 0;
  if (rules.retry_interval > 0) return static_cast<SimTime>(k) * rules.retry_interval;
  // Timer E (A for INVITE) starts at T1 and doubles; non-INVITE caps it at T2.
  SimTime offset = 0;
  SimTime interval = rules.t1;
  for (int i = 0; i < k; ++i) {
    offset += rules.method == Method::invite ? interval : std::min(interval, rules.t2);
    if (offset > 1'000'000'000'000) break; // far past any Timer F
    interval = std::min<SimTime>(interval * 2, 1'000'000'000'000);
  }
  return offset;
}

SimTime give_up_offset(const TransactionRules& rules) noexcept
{
  if (reliable(rules.transport) || rules.retries < 0 || rules.last_in_list) return rules.timer_f;
  // R1: dead when the retransmission after the last retry would be due.
  return std::min(send_offset(rules.retries + 1, rules), rules.timer_f);
}

namespace {

// The send offsets of send_offset(0), send_offset(1), ... one step at a time
// (send_offset itself walks from the first send: quadratic over a transaction).
class SendClock {
public:
  explicit SendClock(const TransactionRules& rules) : rules_(rules), interval_(rules.t1) {}
  SimTime offset() const noexcept { return offset_; }
  SimTime peek() const noexcept
  {
    if (rules_.retry_interval > 0) return offset_ + rules_.retry_interval;
    return offset_ + (rules_.method == Method::invite ? interval_ : std::min(interval_, rules_.t2));
  }
  void advance() noexcept
  {
    const SimTime next = peek();
    if (rules_.retry_interval <= 0) interval_ = std::min<SimTime>(interval_ * 2, 1'000'000'000'000);
    offset_ = next;
  }

private:
  const TransactionRules& rules_;
  SimTime offset_ = 0;
  SimTime interval_;
};

} // namespace

TransactionOutcome run_transaction(const World& world, int server, SimTime start, const TransactionRules& rules)
{
  TransactionOutcome out;
  const SimTime dead = give_up_offset(rules);
  // TCP/TLS: one send, no retransmission (RFC 3261 17.1.2.2); R2.
  const int max_sends = reliable(rules.transport) ? 1 : 1'000'000;
  // T-A1 `start`: the world at the first send decides every send.
  const bool each_send = rules.sampling == Sampling::each_send;
  const Reach at_start = each_send ? Reach{} : world.reach(server, rules.method, start);
  SendClock clock(rules);
  for (int k = 0; k < max_sends; ++k, clock.advance()) {
    const SimTime offset = clock.offset();
    if (k > 0 && offset >= dead) break;
    const SimTime at = start + offset;
    ++out.sends;
    const auto reach = each_send ? world.reach(server, rules.method, at) : at_start;
    if (reach.kind == Reach::Kind::refused) {
      out.how = TransactionOutcome::End::refused;
      out.end = at;
      out.code = 503;
      return out;
    }
    if (reach.kind == Reach::Kind::answer && offset + rules.rtt < dead) {
      out.how = TransactionOutcome::End::answered;
      out.end = at + rules.rtt;
      out.code = reach.code;
      out.retry_after = reach.retry_after;
      // Retransmissions due before the answer arrives are sent too.
      while (!reliable(rules.transport) && clock.peek() < offset + rules.rtt && clock.peek() < dead) {
        clock.advance();
        ++out.sends;
      }
      return out;
    }
  }
  out.how = TransactionOutcome::End::timeout;
  out.end = start + dead;
  out.code = 408;
  return out;
}

} // namespace sipfo::replay
