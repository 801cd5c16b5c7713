#include "sipfo/probe/target_probe.hpp"

#include "sipfo/sip/random_token.hpp"
#include "sipfo/sip/response_parser.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

namespace sipfo::probe {

namespace {

using std::chrono::duration_cast;
using std::chrono::milliseconds;

// Timer K: how long a completed non-INVITE client transaction over UDP absorbs
// retransmissions of its final response (T4, RFC 3261 17.1.2.2 and Table 4).
// Over TCP/TLS it is zero: a reliable transport does not duplicate.
constexpr milliseconds timer_k{5000};

bool same_transaction(const std::string& branch, const sip::CSeq& cseq, const std::string& t_branch, bool options,
                      std::uint32_t t_cseq)
{
  return t_branch == branch && cseq.method == (options ? "OPTIONS" : "REGISTER") && cseq.number == t_cseq;
}

milliseconds since(sip::TimePoint start, sip::TimePoint now)
{
  return duration_cast<milliseconds>(now - start);
}

// "sip:host" or "sip:host:port" for the target itself.
std::string target_uri(const Target& target)
{
  const std::string host = target.server_name.empty() ? sip::uri_host(target.endpoint.address) : target.server_name;
  return fmt::format("sip:{}:{}", host, target.endpoint.port);
}

} // namespace

TargetProbe::TargetProbe(Target target, const ProbeSettings& settings, std::unique_ptr<sip::Connection> connection)
  : target_(std::move(target)), settings_(settings), connection_(std::move(connection))
{
  result_.target = target_;
  options_call_id_ = sip::random_token(32);
  register_call_id_ = sip::random_token(32);
  from_tag_ = sip::random_token(16);
}

void TargetProbe::start(sip::TimePoint now)
{
  send_options(now);
  if (settings_.account) send_register(Step::register_, now);
  if (connection_->failure()) fail_open_transactions(*connection_->failure(), now);
}

int TargetProbe::fd() const noexcept
{
  return done() ? -1 : connection_->fd();
}

short TargetProbe::wanted_events() const noexcept
{
  return done() ? 0 : connection_->wanted_events();
}

void TargetProbe::on_ready(short revents, sip::TimePoint now)
{
  std::vector<std::string> received;
  connection_->on_ready(revents, received);
  for (const std::string& message : received) {
    trace(Direction::received, message, false);
    on_message(message, now);
  }
  if (connection_->failure()) fail_open_transactions(*connection_->failure(), now);
  if (auto check = connection_->certificate()) result_.certificate = check;
}

void TargetProbe::on_time(sip::TimePoint now)
{
  // Index loop: a timeout may add no transaction, but keep it robust anyway.
  for (std::size_t i = 0; i < transactions_.size(); ++i) {
    for (int guard = 0; guard < 64 && transactions_[i].open; ++guard) {
      sip::TimerEvent event = transactions_[i].timers.on_time(now);
      if (event == sip::TimerEvent::none) break;
      if (event == sip::TimerEvent::retransmit) {
        connection_->send(transactions_[i].wire);
        trace(Direction::sent, transactions_[i].wire, true);
        continue;
      }
      transactions_[i].open = false;
      // A stream still connecting or shaking hands never carried the request:
      // say where it stalled rather than blame the SIP server.
      const sip::ConnectionPhase phase = connection_->phase();
      const milliseconds waited = since(transactions_[i].started, now);
      Exchange timeout = phase == sip::ConnectionPhase::established
                           ? timeout_exchange(waited, transactions_[i].timers.sends())
                           : stalled_exchange(phase, waited);
      timeout.credentials_sent = transactions_[i].credentials_sent;
      finish(transactions_[i].step, std::move(timeout));
    }
  }
  if (connection_->failure()) fail_open_transactions(*connection_->failure(), now);
}

sip::TimePoint TargetProbe::next_deadline() const noexcept
{
  sip::TimePoint next = sip::TimePoint::max();
  for (const Transaction& t : transactions_) {
    if (t.open) next = std::min(next, t.timers.next_deadline());
  }
  return next;
}

sip::TimePoint TargetProbe::gives_up_by() const noexcept
{
  std::optional<sip::TimePoint> last;
  for (const Transaction& t : transactions_) {
    if (t.open) last = std::max(last.value_or(sip::TimePoint::min()), t.started + settings_.timers.timeout());
  }
  return last.value_or(sip::TimePoint::max());
}

bool TargetProbe::done() const noexcept
{
  return std::none_of(transactions_.begin(), transactions_.end(), [](const Transaction& t) { return t.open; });
}

void TargetProbe::send_options(sip::TimePoint now)
{
  const sip::LocalAddress local = connection_->local_address();
  sip::Request request;
  request.method = sip::Method::options;
  request.request_uri = target_uri(target_);
  request.to_uri = request.request_uri;
  request.from_uri = settings_.from_uri.empty()
                       ? fmt::format("sip:sipfo@{}", local.host.empty() ? "invalid" : local.host)
                       : settings_.from_uri;
  request.call_id = options_call_id_;
  request.cseq = 1;
  send(Step::options, std::move(request), now, false);
}

std::string TargetProbe::register_domain() const
{
  if (!settings_.account->domain.empty()) return settings_.account->domain;
  if (!target_.server_name.empty()) return target_.server_name;
  return sip::uri_host(target_.endpoint.address);
}

std::string TargetProbe::authorization(const std::string& request_uri)
{
  const Account& account = *settings_.account;
  sip::DigestCredentials credentials{account.auth_user.empty() ? account.user : account.auth_user,
                                     account.password.value_or("")};
  sip::DigestContext context{"REGISTER", request_uri, sip::random_token(16), ++nonce_count_, ""};
  return sip::authorization_value(*challenge_, credentials, context);
}

void TargetProbe::send_register(Step step, sip::TimePoint now)
{
  const sip::LocalAddress local = connection_->local_address();
  const std::string domain = register_domain();
  sip::Request request;
  request.method = sip::Method::register_;
  request.request_uri = "sip:" + domain;
  request.to_uri = fmt::format("sip:{}@{}", settings_.account->user, domain);
  request.from_uri = request.to_uri;
  request.call_id = register_call_id_;
  request.cseq = ++register_cseq_;
  if (settings_.register_mode == RegisterMode::bind) {
    if (contact_.empty()) {
      const char* transport = target_.endpoint.transport == sip::Transport::udp ? "" :
                              target_.endpoint.transport == sip::Transport::tcp ? ";transport=tcp" : ";transport=tls";
      contact_ = fmt::format("sip:sipfo-probe-{}@{}:{}{}", sip::random_token(8), local.host, local.port, transport);
    }
    request.contact = contact_;
    request.expires = step == Step::unregister ? 0u : static_cast<std::uint32_t>(settings_.bind_expires.count());
  }
  const bool credentials = challenge_.has_value();
  if (credentials) {
    request.authorization_header = authorization_header_;
    request.authorization_value = authorization(request.request_uri);
  }
  send(step, std::move(request), now, credentials);
}

void TargetProbe::send(Step step, sip::Request request, sip::TimePoint now, bool credentials)
{
  const sip::LocalAddress local = connection_->local_address();
  request.transport = target_.endpoint.transport;
  request.via_host = local.host.empty() ? "invalid" : local.host;
  request.via_port = local.port;
  request.branch = sip::new_branch();
  request.from_tag = from_tag_;
  request.user_agent = settings_.user_agent;
  const auto reliability = sip::is_reliable(request.transport) ? sip::Reliability::reliable : sip::Reliability::unreliable;
  Transaction transaction{step, request.branch, request.cseq, sip::build_request(request),
                          sip::NonInviteTimers(settings_.timers, reliability, now), now, credentials, true, std::nullopt};
  connection_->send(transaction.wire);
  trace(Direction::sent, transaction.wire, false);
  transactions_.push_back(std::move(transaction));
}

void TargetProbe::trace(Direction direction, std::string_view text, bool retransmission) const
{
  if (!settings_.trace) return;
  const bool queued = direction == Direction::sent && connection_->phase() != sip::ConnectionPhase::established &&
                      !connection_->failure();
  settings_.trace(
    TracedMessage{direction, target_.endpoint, connection_->local_address(), text, retransmission, queued});
}

void TargetProbe::on_message(const std::string& text, sip::TimePoint now)
{
  sip::ResponseParse parsed = sip::parse_response(text);
  if (!parsed.response) {
    ignore("malformed response: " + parsed.error);
    return;
  }
  Transaction* transaction = match(*parsed.response);
  if (!transaction && is_late_duplicate(*parsed.response, now)) return; // absorbed (17.1.2.2)
  if (!transaction) {
    ignore("response matches no transaction");
    return;
  }
  if (parsed.response->code < 200) {
    transaction->timers.on_provisional();
    return;
  }
  transaction->open = false;
  transaction->completed = now;
  on_final(*transaction, *parsed.response, now);
}

TargetProbe::Transaction* TargetProbe::match(const sip::Response& response)
{
  const std::string branch = sip::top_via_branch(response);
  const auto cseq = sip::cseq_of(response);
  if (branch.empty() || !cseq) return nullptr;
  for (Transaction& t : transactions_) {
    if (t.open && same_transaction(branch, *cseq, t.branch, t.step == Step::options, t.cseq)) return &t;
  }
  return nullptr;
}

bool TargetProbe::is_late_duplicate(const sip::Response& response, sip::TimePoint now) const
{
  if (sip::is_reliable(target_.endpoint.transport)) return false; // Timer K is 0 (17.1.2.2)
  const std::string branch = sip::top_via_branch(response);
  const auto cseq = sip::cseq_of(response);
  if (branch.empty() || !cseq) return false;
  return std::any_of(transactions_.begin(), transactions_.end(), [&](const Transaction& t) {
    return t.completed && now - *t.completed <= timer_k &&
           same_transaction(branch, *cseq, t.branch, t.step == Step::options, t.cseq);
  });
}

void TargetProbe::on_final(Transaction& transaction, const sip::Response& response, sip::TimePoint now)
{
  if (transaction.step != Step::options && answer_challenge(transaction, response, now)) return;
  Exchange exchange;
  exchange.code = response.code;
  exchange.reason = response.reason;
  exchange.origin = Origin::server;
  exchange.rtt = since(transaction.started, now);
  exchange.retry_after = sip::retry_after(response);
  exchange.credentials_sent = transaction.credentials_sent;
  exchange.sends = transaction.timers.sends();
  if ((response.code == 401 || response.code == 407) && settings_.account && !settings_.account->password) {
    exchange.reason += " (no password given)";
  } else if ((response.code == 401 || response.code == 407) && transaction.step != Step::options &&
             !transaction.credentials_sent) {
    // A password was given but the challenge could not be answered: say why.
    const auto reading = sip::choose_challenge_reading(response.all(response.code == 407 ? "proxy-authenticate"
                                                                                         : "www-authenticate"));
    exchange.challenge_problem = reading.problem;
    exchange.challenge_detail = reading.detail;
  }
  if (response.code >= 300 && response.code < 400) {
    for (std::string_view contact : response.all("contact")) exchange.redirect_contacts.emplace_back(contact);
  }
  const Step step = transaction.step;
  finish(step, std::move(exchange));
  if (step == Step::register_ && settings_.register_mode == RegisterMode::bind && response.code >= 200 &&
      response.code < 300) {
    send_register(Step::unregister, now);
  }
}

bool TargetProbe::answer_challenge(const Transaction& transaction, const sip::Response& response, sip::TimePoint now)
{
  if ((response.code != 401 && response.code != 407) || !settings_.account->password) return false;
  const bool proxy = response.code == 407;
  auto challenge = sip::choose_challenge(response.all(proxy ? "proxy-authenticate" : "www-authenticate"));
  if (!challenge) return false;
  if (transaction.credentials_sent) {
    // Refused credentials end it, unless only the nonce was stale (RFC 7616 3.3).
    if (!challenge->stale || stale_retry_used_) return false;
    stale_retry_used_ = true;
  }
  challenge_ = std::move(challenge);
  authorization_header_ = proxy ? "Proxy-Authorization" : "Authorization";
  nonce_count_ = 0;
  send_register(transaction.step, now);
  if (connection_->failure()) fail_open_transactions(*connection_->failure(), now);
  return true;
}

void TargetProbe::finish(Step step, Exchange exchange)
{
  switch (step) {
  case Step::options: result_.options = std::move(exchange); return;
  case Step::register_: result_.registration = std::move(exchange); return;
  case Step::unregister: result_.unregistration = std::move(exchange); return;
  }
}

void TargetProbe::fail_open_transactions(const std::string& what, sip::TimePoint now)
{
  for (Transaction& t : transactions_) {
    if (!t.open) continue;
    t.open = false;
    Exchange failure = transport_failure_exchange(what, since(t.started, now));
    failure.credentials_sent = t.credentials_sent;
    failure.sends = t.timers.sends();
    finish(t.step, std::move(failure));
  }
  if (auto check = connection_->certificate()) result_.certificate = check;
}

void TargetProbe::ignore(std::string why)
{
  ++result_.ignored_messages;
  result_.last_ignored = std::move(why);
}

} // namespace sipfo::probe
