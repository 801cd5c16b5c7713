#include "register_outcome.hpp"

#include "story_text.hpp"

#include <fmt/format.h>

namespace sipfo::wire {

using util::FindingCode;

const SipResponseSeen* final_response(const SipTransaction& transaction)
{
  for (const auto& response : transaction.responses) {
    if (response.code >= 200) return &response;
  }
  return nullptr;
}

RegisterResult register_result(const SipTransaction& transaction)
{
  switch (transaction.end) {
  case TransactionEnd::success:
    return transaction.expires_asked == 0u ? RegisterResult::unregistered : RegisterResult::registered;
  case TransactionEnd::timed_out: return RegisterResult::failed;
  case TransactionEnd::unfinished: return RegisterResult::unfinished;
  case TransactionEnd::rejected: break;
  }
  const SipResponseSeen* final = final_response(transaction);
  const int code = final ? final->code : 0;
  if (code < 400 || code == 423) return RegisterResult::negotiating;
  if ((code == 401 || code == 407) && !transaction.has_credentials) return RegisterResult::negotiating;
  return RegisterResult::failed;
}

// parse-log's cause for a failed REGISTER. RFC 3261 21.4.2/21.4.4/21.4.8: 401
// and 407 to a request that carried credentials, and 403 after them, mean the
// credentials were refused (Technical Bulletin CS-18-09, Call server status, Failed).
FindingCode failure_cause(const SipTransaction& transaction)
{
  if (transaction.end == TransactionEnd::timed_out) return FindingCode::server_timeout_failover;
  const SipResponseSeen* final = final_response(transaction);
  const int code = final ? final->code : 0;
  if ((code == 401 || code == 403 || code == 407) && transaction.has_credentials) return FindingCode::auth_rejected;
  if (code == 404) return FindingCode::user_unknown;
  return FindingCode::server_rejected;
}

std::string final_text(const SipResponseSeen& response)
{
  return response.reason.empty() ? fmt::to_string(response.code) : fmt::format("{} {}", response.code, response.reason);
}

// "no answer after 3 sends (3.5 s)" or "503 Service Unavailable".
std::string why_left(const SipTransaction& last, const PacketMark& next)
{
  if (const SipResponseSeen* final = final_response(last)) return final_text(*final);
  return fmt::format("no answer after {} send{} ({} s)", last.sends.size(), last.sends.size() == 1 ? "" : "s",
                     short_seconds(next.time - last.sends.front().time));
}

PacketMark last_packet(const SipTransaction& transaction)
{
  PacketMark last = transaction.sends.back();
  for (const auto& response : transaction.responses) {
    if (response.packet.time >= last.time) last = response.packet;
  }
  return last;
}

} // namespace sipfo::wire
