// How the story's enums read in output.
#include "sipfo/wire/capture_story.hpp"

namespace sipfo::wire {

const char* transaction_end_name(TransactionEnd end) noexcept
{
  switch (end) {
  case TransactionEnd::success: return "success";
  case TransactionEnd::rejected: return "rejected";
  case TransactionEnd::timed_out: return "timed out";
  case TransactionEnd::unfinished: return "unfinished";
  }
  return "unfinished";
}

const char* server_change_kind_name(ServerChangeKind kind) noexcept
{
  switch (kind) {
  case ServerChangeKind::failover: return "failover";
  case ServerChangeKind::failback: return "failback";
  case ServerChangeKind::move: return "move";
  }
  return "move";
}

const char* phone_verdict_name(PhoneVerdict verdict) noexcept
{
  switch (verdict) {
  case PhoneVerdict::registered: return "REGISTERED";
  case PhoneVerdict::recovered: return "RECOVERED";
  case PhoneVerdict::failed: return "FAILED";
  case PhoneVerdict::no_registration: return "NO REGISTRATION";
  case PhoneVerdict::unfinished: return "UNFINISHED";
  }
  return "NO REGISTRATION";
}

} // namespace sipfo::wire
