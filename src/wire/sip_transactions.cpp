#include "sip_transactions.hpp"

#include "retransmit_schedule.hpp"
#include "story_text.hpp"

#include "sipfo/util/suggest.hpp"

#include <fmt/format.h>

#include <iterator>

namespace sipfo::wire {

namespace {

// RFC 3261 17.1.3: branch and CSeq method identify the client transaction; the
// addresses keep apart a branch a phone reused for another server. A request
// without a branch (RFC 2543) falls back to Call-ID and CSeq number.
std::string key_of(const pcap::Address& client, const pcap::Address& server, std::string_view branch,
                   std::string_view method, std::string_view call_id, std::uint32_t cseq)
{
  std::string key;
  key.reserve(client.bytes.size() + server.bytes.size() + method.size() + 1 +
              (branch.empty() ? call_id.size() + 11 : branch.size()));
  key.append(reinterpret_cast<const char*>(client.bytes.data()), client.bytes.size());
  key.append(reinterpret_cast<const char*>(server.bytes.data()), server.bytes.size());
  key += method;
  key += '\n';
  if (!branch.empty()) key += branch;
  else fmt::format_to(std::back_inserter(key), "{}\n{}", call_id, cseq);
  return key;
}

// The expiry a REGISTER asks for: its (first) Contact's expires parameter, else Expires (RFC 3261 10.2.1.1).
std::optional<std::uint32_t> expires_asked(const sip::ReceivedRequest& request,
                                          const std::vector<sip::ContactValue>& contacts)
{
  for (const auto& contact : contacts) {
    if (contact.uri == "*") return sip::expires_of(request);
    if (contact.expires) return contact.expires;
    break;
  }
  return sip::expires_of(request);
}

// RFC 3261 10.3 step 8: the 2xx lists every binding of the AOR; the phone's is
// the contact it registered (compared without case: URIs of other phones differ in more).
std::optional<std::uint32_t> granted_expires(const sip::Response& response, const std::vector<std::string>& sent)
{
  const auto contacts = sip::contacts_of(response);
  for (const auto& contact : contacts) {
    for (const auto& uri : sent) {
      if (util::iequals(contact.uri, uri)) return contact.expires ? contact.expires : sip::expires_of(response);
    }
  }
  if (contacts.size() == 1 && contacts.front().expires) return contacts.front().expires;
  return sip::expires_of(response);
}

} // namespace

SipTransactions::Open* SipTransactions::find(const std::string& key)
{
  auto found = by_key_.find(key);
  if (found == by_key_.end() || open_.empty()) return nullptr;
  const std::uint64_t first = open_.front().serial;
  if (found->second < first || found->second - first >= open_.size()) return nullptr;
  return &open_[static_cast<std::size_t>(found->second - first)];
}

void SipTransactions::request(const pcap::Message& message, const sip::ReceivedRequest& request,
                              const PacketMark& packet)
{
  // ACK is no client transaction of its own: it has no response (17.1.1.3).
  if (request.method == "ACK") return;
  advance(packet.time);
  const auto cseq = sip::cseq_of(request);
  const std::string branch = sip::top_via_branch(request);
  const std::string_view method = cseq ? std::string_view(cseq->method) : std::string_view(request.method);
  const std::string_view call_id = request.header("call-id").value_or("");
  std::string key = key_of(message.flow.source.address, message.flow.destination.address, branch, method,
                                 call_id, cseq ? cseq->number : 0);
  const bool credentials = request.header("authorization") || request.header("proxy-authorization");
  Open* same = find(key);
  // A send long after the final response is a new transaction that reuses the
  // branch (a fault of the phone, RFC 3261 8.1.1.7); one within Timer K crossed
  // the response on the wire.
  if (same != nullptr && same->final_at && packet.time - *same->final_at > rfc3261_t4) same = nullptr;
  if (same != nullptr) {
    if (same->transaction.sends.size() < max_sends) same->transaction.sends.push_back(packet);
    same->transaction.has_credentials = same->transaction.has_credentials || credentials;
    return;
  }
  if (open_.size() >= max_open) {
    close_by_time(open_.front(), packet.time);
    advance(packet.time);
  }
  Open open;
  auto& transaction = open.transaction;
  transaction.method = kept_text(method);
  transaction.branch = kept_text(branch);
  transaction.cseq = cseq ? cseq->number : 0;
  transaction.call_id = kept_text(call_id);
  transaction.request_uri = kept_text(request.request_uri);
  if (auto to = request.header("to")) transaction.address_of_record = kept_text(sip::uri_of(*to));
  transaction.client = message.flow.source;
  transaction.server = message.flow.destination;
  transaction.protocol = message.flow.protocol;
  transaction.sends.push_back(packet);
  transaction.has_credentials = credentials;
  const auto contacts = sip::contacts_of(request);
  if (method == "REGISTER") transaction.expires_asked = expires_asked(request, contacts);
  for (const auto& contact : contacts) {
    if (open.contacts.size() < 4) open.contacts.push_back(kept_text(contact.uri));
  }
  open.serial = next_serial_++;
  by_key_[key] = open.serial;
  open.key = std::move(key);
  open_.push_back(std::move(open));
}

bool SipTransactions::response(const pcap::Message& message, const sip::Response& response, const PacketMark& packet)
{
  advance(packet.time);
  const auto cseq = sip::cseq_of(response);
  if (!cseq) return false;
  const std::string_view call_id = response.header("call-id").value_or("");
  Open* open = find(key_of(message.flow.destination.address, message.flow.source.address, sip::top_via_branch(response),
                           cseq->method, call_id, cseq->number));
  if (open == nullptr) return false;
  auto& transaction = open->transaction;
  if (transaction.responses.size() < max_responses) {
    SipResponseSeen seen;
    seen.packet = packet;
    seen.code = response.code;
    seen.reason = kept_text(response.reason);
    if (response.code >= 200 && response.code < 300 && transaction.method == "REGISTER")
      seen.granted_expires = granted_expires(response, open->contacts);
    if (auto after = sip::retry_after(response)) seen.retry_after = static_cast<std::uint32_t>(after->count());
    seen.challenge = (response.code == 401 && response.header("www-authenticate")) ||
                     (response.code == 407 && response.header("proxy-authenticate"));
    transaction.responses.push_back(std::move(seen));
  }
  if (response.code >= 200 && !open->closed) {
    transaction.end = response.code < 300 ? TransactionEnd::success : TransactionEnd::rejected;
    open->closed = true;
    open->final_at = packet.time;
  }
  advance(packet.time);
  return true;
}

void SipTransactions::close_by_time(Open& open, pcap::CaptureTime now)
{
  if (open.closed) return;
  const auto& transaction = open.transaction;
  const bool proceeding_invite = transaction.method == "INVITE" && !transaction.responses.empty();
  // Timer F (non-INVITE) or Timer B (INVITE in Calling) ran out while the capture went on.
  const bool expired = !proceeding_invite && now - transaction.sends.front().time > rfc3261_timer_f;
  open.transaction.end = expired ? TransactionEnd::timed_out : TransactionEnd::unfinished;
  open.closed = true;
}

void SipTransactions::advance(pcap::CaptureTime now, bool end)
{
  while (!open_.empty()) {
    Open& front = open_.front();
    // RFC 3261 17.1.2.2: the Completed state absorbs retransmissions for
    // Timer K (T4); a request resent across the final response stays in it.
    if (front.final_at && !end && now - *front.final_at <= rfc3261_t4) break;
    if (!front.closed) {
      const auto& transaction = front.transaction;
      const bool proceeding_invite = transaction.method == "INVITE" && !transaction.responses.empty();
      const auto deadline = proceeding_invite ? transaction.responses.back().packet.time + invite_proceeding_wait
                                              : transaction.sends.front().time + rfc3261_timer_f;
      if (!end && now <= deadline) break;
      close_by_time(front, now);
    }
    if (auto entry = by_key_.find(front.key); entry != by_key_.end() && entry->second == front.serial)
      by_key_.erase(entry);
    committed_(std::move(front.transaction));
    open_.pop_front();
  }
}

} // namespace sipfo::wire
