#include "sipfo/probe/active_server.hpp"

namespace sipfo::probe {

namespace {

bool is_eligible(const Standing& candidate, RegisterCheck check) noexcept
{
  if (check == RegisterCheck::on) return candidate.registered && candidate.status != Status::failed;
  return candidate.status == Status::up;
}

bool is_preferred(const Standing& a, const Standing& b) noexcept
{
  if (a.rank != b.rank) return a.rank < b.rank;
  return a.priority < b.priority;
}

} // namespace

std::optional<std::size_t> choose_active(std::span<const Standing> candidates, RegisterCheck check) noexcept
{
  std::optional<std::size_t> best;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (!is_eligible(candidates[i], check)) continue;
    if (!best || is_preferred(candidates[i], candidates[*best])) best = i;
  }
  return best;
}

util::ExitStatus probe_exit_status(std::span<const Standing> candidates, std::optional<std::size_t> active) noexcept
{
  if (!active) return util::ExitStatus::critical;
  for (const Standing& candidate : candidates) {
    if (candidate.status != Status::up) return util::ExitStatus::warning;
  }
  return util::ExitStatus::ok;
}

} // namespace sipfo::probe
