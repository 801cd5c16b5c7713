#pragma once
// The probes of one target as a state machine: OPTIONS and (with an account)
// REGISTER run as concurrent non-INVITE client transactions over one
// connection (RFC 3261 17.1.2); responses are matched by the top Via branch
// and the CSeq method and number (17.1.3). A 401/407 is answered once with
// digest credentials in a fresh transaction (22.2); a stale nonce once more
// (RFC 7616 3.3). Time comes in as arguments, the connection is injected, so
// tests drive it without sockets or waiting.

#include "sipfo/probe/probe_settings.hpp"
#include "sipfo/probe/target_result.hpp"
#include "sipfo/sip/clock.hpp"
#include "sipfo/sip/connection.hpp"
#include "sipfo/sip/digest.hpp"
#include "sipfo/sip/request.hpp"
#include "sipfo/sip/response.hpp"
#include "sipfo/sip/transaction_timers.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sipfo::probe {

class TargetProbe {
public:
  TargetProbe(Target target, const ProbeSettings& settings, std::unique_ptr<sip::Connection> connection);

  // Sends the first requests.
  void start(sip::TimePoint now);
  // The socket to poll and for what; -1 / 0 when there is nothing to wait for.
  int fd() const noexcept;
  short wanted_events() const noexcept;
  // poll() said the socket is ready.
  void on_ready(short revents, sip::TimePoint now);
  // Fires the timers that are due (retransmissions, Timer F).
  void on_time(sip::TimePoint now);
  // When on_time() next has something to do; max() when nothing is pending.
  sip::TimePoint next_deadline() const noexcept;
  bool done() const noexcept;
  // When the open transactions give up at the latest (Timer F from their first
  // send); max() when none is open. A challenge answered later starts a new one.
  sip::TimePoint gives_up_by() const noexcept;
  // The result so far (complete once done()).
  const TargetResult& result() const noexcept { return result_; }

private:
  enum class Step { options, register_, unregister };

  struct Transaction {
    Step step = Step::options;
    std::string branch;
    std::uint32_t cseq = 1;
    std::string wire;
    sip::NonInviteTimers timers;
    sip::TimePoint started;
    bool credentials_sent = false;
    bool open = true;
    // Set when a final response closed it: the Completed state, which absorbs
    // retransmitted finals until Timer K (RFC 3261 17.1.2.2).
    std::optional<sip::TimePoint> completed;
  };

  void send_options(sip::TimePoint now);
  void send_register(Step step, sip::TimePoint now);
  void send(Step step, sip::Request request, sip::TimePoint now, bool credentials);
  void on_message(const std::string& text, sip::TimePoint now);
  Transaction* match(const sip::Response& response);
  // True when `response` repeats the final of a transaction in its Completed state.
  bool is_late_duplicate(const sip::Response& response, sip::TimePoint now) const;
  void on_final(Transaction& transaction, const sip::Response& response, sip::TimePoint now);
  // True when a 401/407 was answered with a new, authenticated transaction.
  bool answer_challenge(const Transaction& transaction, const sip::Response& response, sip::TimePoint now);
  void finish(Step step, Exchange exchange);
  void fail_open_transactions(const std::string& what, sip::TimePoint now);
  void ignore(std::string why);
  // Hands a message to settings_.trace (--sip-trace), if set.
  void trace(Direction direction, std::string_view text, bool retransmission) const;
  std::string register_domain() const;
  std::string authorization(const std::string& request_uri);

  Target target_;
  ProbeSettings settings_;
  std::unique_ptr<sip::Connection> connection_;
  std::vector<Transaction> transactions_;
  TargetResult result_;
  std::string options_call_id_, register_call_id_, from_tag_, contact_;
  std::uint32_t register_cseq_ = 0;
  std::optional<sip::Challenge> challenge_;
  std::string authorization_header_;  // "Authorization" or "Proxy-Authorization"
  std::uint32_t nonce_count_ = 0;
  bool stale_retry_used_ = false;
};

} // namespace sipfo::probe
