#include "retransmit_schedule.hpp"

#include <algorithm>

namespace sipfo::wire {

std::vector<std::chrono::nanoseconds> expected_retransmissions(bool invite, std::size_t count)
{
  std::vector<std::chrono::nanoseconds> due;
  std::chrono::nanoseconds at{0};
  std::chrono::nanoseconds interval = rfc3261_t1;
  for (std::size_t i = 0; i < count; ++i) {
    at += interval;
    due.push_back(at);
    interval *= 2;
    if (!invite) interval = std::min<std::chrono::nanoseconds>(interval, rfc3261_t2);
    // INVITE: Timer B ends the transaction at 64*T1, long before this overflows.
    interval = std::min<std::chrono::nanoseconds>(interval, std::chrono::hours(1));
  }
  return due;
}

std::chrono::nanoseconds schedule_tolerance(std::chrono::nanoseconds interval)
{
  return std::max<std::chrono::nanoseconds>(std::chrono::milliseconds(100), interval / 10);
}

std::optional<ScheduleComparison> compare_retransmissions(const SipTransaction& transaction)
{
  if (transaction.protocol != pcap::IpProtocol::udp || transaction.sends.size() < 2) return std::nullopt;
  const auto first = transaction.sends.front().time;
  const auto answered = transaction.responses.empty() ? pcap::CaptureTime::max() : transaction.responses.front().packet.time;
  ScheduleComparison comparison;
  for (std::size_t i = 1; i < transaction.sends.size() && transaction.sends[i].time < answered; ++i) {
    comparison.observed.push_back(transaction.sends[i].time - first);
  }
  if (comparison.observed.empty()) return std::nullopt;
  const bool invite = transaction.method == "INVITE";
  comparison.section = invite ? "RFC 3261 17.1.1.2" : "RFC 3261 17.1.2.2";
  comparison.expected = expected_retransmissions(invite, comparison.observed.size());
  // Interval by interval, so one late send is not blamed on every later one.
  std::chrono::nanoseconds previous_observed{0};
  std::chrono::nanoseconds previous_expected{0};
  for (std::size_t i = 0; i < comparison.observed.size(); ++i) {
    const auto measured = comparison.observed[i] - previous_observed;
    const auto wanted = comparison.expected[i] - previous_expected;
    const auto off = measured > wanted ? measured - wanted : wanted - measured;
    if (off > schedule_tolerance(wanted)) comparison.follows = false;
    previous_observed = comparison.observed[i];
    previous_expected = comparison.expected[i];
  }
  return comparison;
}

} // namespace sipfo::wire
