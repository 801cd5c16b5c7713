#include "sipfo/probe/status.hpp"

#include "sipfo/probe/target_result.hpp" // not_probed_note

namespace sipfo::probe {

const char* status_name(Status status) noexcept
{
  switch (status) {
  case Status::up: return "up";
  case Status::down: return "down";
  case Status::failed: return "failed";
  case Status::unknown: return "unknown";
  }
  return "unknown";
}

const char* not_probed_note(NotProbed reason) noexcept
{
  switch (reason) {
  case NotProbed::no: return "";
  case NotProbed::no_address: return "no address";
  case NotProbed::interrupted: return "interrupted";
  }
  return "";
}

Status options_status(const std::optional<Exchange>& options) noexcept
{
  if (!options) return Status::unknown;
  // CS-18-09: 408 is "down" although it is below 500, whoever sent it.
  if (options->code == 408 || options->code >= 500) return Status::down;
  return Status::up;
}

bool is_registered(const std::optional<Exchange>& registration) noexcept
{
  return registration && registration->code >= 200 && registration->code < 300;
}

bool is_account_failure(int code) noexcept
{
  return code == 404 || code == 401 || code == 403 || code == 407;
}

Status candidate_status(const std::optional<Exchange>& options,
                        const std::optional<Exchange>& registration) noexcept
{
  // A challenge sipfo cannot compute (an unknown algorithm) says nothing about
  // the account: the status comes from OPTIONS as without REGISTER.
  const bool unchecked = registration && registration->challenge_problem == sip::ChallengeProblem::unsupported_algorithm;
  if (registration && !unchecked && is_account_failure(registration->code)) return Status::failed;
  if (options) return options_status(options);
  return options_status(registration);
}

} // namespace sipfo::probe
