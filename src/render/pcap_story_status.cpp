#include "sipfo/render/pcap_story_status.hpp"

#include <algorithm>

namespace sipfo::render {

using util::ExitStatus;
using util::Severity;

std::optional<Severity> worst_severity(const wire::PhoneStory& phone) noexcept
{
  std::optional<Severity> worst;
  for (const wire::StoryFinding& finding : phone.findings) {
    if (!worst || static_cast<int>(finding.severity) > static_cast<int>(*worst)) worst = finding.severity;
  }
  return worst;
}

ExitStatus phone_status(const wire::PhoneStory& phone) noexcept
{
  const auto worst = worst_severity(phone);
  const bool error = worst == Severity::error;
  const bool warning = worst == Severity::warning;
  switch (phone.verdict) {
  case wire::PhoneVerdict::registered:
    return error ? ExitStatus::critical : warning ? ExitStatus::warning : ExitStatus::ok;
  case wire::PhoneVerdict::recovered: return error ? ExitStatus::critical : ExitStatus::warning;
  case wire::PhoneVerdict::failed: return ExitStatus::critical;
  case wire::PhoneVerdict::no_registration:
  case wire::PhoneVerdict::unfinished: return error ? ExitStatus::critical : ExitStatus::unknown;
  }
  return ExitStatus::unknown;
}

ExitStatus capture_status(const wire::CaptureStory& story) noexcept
{
  if (story.phones.empty()) return ExitStatus::unknown;
  ExitStatus status = ExitStatus::ok;
  for (const wire::PhoneStory& phone : story.phones) status = util::worst(status, phone_status(phone));
  return status;
}

const char* verdict_code(wire::PhoneVerdict verdict) noexcept
{
  switch (verdict) {
  case wire::PhoneVerdict::registered: return "registered";
  case wire::PhoneVerdict::recovered: return "recovered";
  case wire::PhoneVerdict::failed: return "failed";
  case wire::PhoneVerdict::no_registration: return "no_registration";
  case wire::PhoneVerdict::unfinished: return "unfinished";
  }
  return "no_registration";
}

std::string verdict_words(const wire::PhoneStory& phone)
{
  std::string words = wire::phone_verdict_name(phone.verdict);
  const auto worst = worst_severity(phone);
  switch (phone.verdict) {
  case wire::PhoneVerdict::registered:
    if (worst == Severity::warning) words += " with warnings";
    [[fallthrough]];
  case wire::PhoneVerdict::recovered: // a recovery is a warning already; an error still shows
    if (worst == Severity::error) words += " with errors";
    break;
  case wire::PhoneVerdict::failed:
  case wire::PhoneVerdict::no_registration:
  case wire::PhoneVerdict::unfinished: break;
  }
  return words;
}

std::optional<wire::ServerVisit> registered_visit(const wire::PhoneStory& phone)
{
  if (phone.visits.empty()) return std::nullopt;
  const wire::ServerVisit& last = phone.visits.back();
  if (last.end != wire::TransactionEnd::success) return std::nullopt;
  return last;
}

} // namespace sipfo::render
