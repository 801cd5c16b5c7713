#pragma once
// What SIP says about an attempt (applog-format.md §5): the "Sip Register" that
// starts it, the sip-4 lines about DNS, failures, successes and the exchange steps.

#include "sipfo/applog/log_story.hpp"

#include <cstdint>
#include <string>

namespace sipfo::applog {

class SipOutcomeTracker {
public:
  explicit SipOutcomeTracker(LogStory& story) : story_(story) {}

  void on_register_start(std::uint64_t number, const LogLine& line, const Event& event);
  void on_naptr_empty(std::uint64_t number, const LogLine& line, const Event& event);
  void on_no_address(std::uint64_t number, const LogLine& line, const Event& event);
  void on_registration_failed(std::uint64_t number, const LogLine& line, const Event& event);
  void on_register_timeout(std::uint64_t number, const LogLine& line, const Event& event);
  void on_registration_ok(std::uint64_t number, const LogLine& line, const Event& event);
  void on_register_response(std::uint64_t number, const LogLine& line, const Event& event);
  void on_register_request(std::uint64_t number, const LogLine& line, const Event& event);
  void on_server_change(std::uint64_t number, const LogLine& line, const Event& event); // failover, failback

private:
  LogStory& story_;
};

} // namespace sipfo::applog
