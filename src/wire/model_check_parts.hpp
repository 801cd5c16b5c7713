#pragma once
// The parts of check_against_model (model_check.hpp), one file each:
//   model_check_dns.cpp      DNS questions and server order (the profile over the captured answers)
//   model_check_timers.cpp   T1/T2/Timer F on retransmissions; sends before the next server
//   model_check_renewal.cpp  renewal time, failback, the wait after every server failed
// and what they share (model_check.cpp). Internal to the wire layer.
#include "sipfo/handset/candidate.hpp"
#include "sipfo/replay/parameters.hpp"
#include "sipfo/replay/sim_time.hpp"
#include "sipfo/wire/capture_story.hpp"
#include "sipfo/wire/model_check.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sipfo::wire::model_check_detail {

using replay::SimTime;

struct Check {
  const PhoneStory& phone;
  // The profile's candidates from the DNS answers in the capture; empty when the
  // capture holds no lookup (the checks that need them are skipped).
  std::vector<handset::Candidate>& candidates;
  const ModelExpectation& expectation;
  replay::Model model;
  const replay::ModelParameters& p;
  std::vector<StoryFinding>& findings;
  std::vector<std::string>& keys; // what each finding is counted under (add_finding), same order
};

// Runs the profile over the captured answers, fills check.candidates.
void check_dns_and_order(const Check& check);
void check_timers(const Check& check);
void check_renewal(const Check& check);

// --- shared (model_check.cpp) -------------------------------------------------

// Milliseconds from `from` to `to`.
SimTime between(const PacketMark& from, const PacketMark& to) noexcept;
SimTime between(pcap::CaptureTime from, pcap::CaptureTime to) noexcept;

// "0.5, 1.5, 3.5 s": offsets in seconds, up to millisecond precision.
std::string offsets_text(const std::vector<SimTime>& offsets);
// "7.5 s", "59 min": replay's span_text.
std::string span(SimTime ms);

// How output names a model: "the 84", "Yealink", "PIVOT", "RFC 3263".
std::string model_name(replay::Model model);
// "retryMaxCount, Polycom UC Software 4.1.6 guide p.48": a knob of the model and its
// documented source from replay::parameter_specs(); "" when the model has no such knob.
std::string knob_source(replay::Model model, std::string_view key);

// Whether two values agree within the slack a real phone's timers and a capture's
// time stamps leave: max(floor, fraction of the expected value).
bool close(SimTime observed, SimTime expected, SimTime floor, double fraction) noexcept;

// "10.0.0.1:5060/udp" for a transaction's server.
std::string server_text(const pcap::Endpoint& server, pcap::IpProtocol protocol, bool tls = false);

// The finding with its registry level in parse-pcap; `count` merges repeats.
StoryFinding make_finding(util::FindingCode code, std::string text, std::string observed, std::string expected,
                          std::string source, std::vector<PacketMark> evidence);
// Adds `finding`, or counts it on an earlier one of the same code and key (a server).
void add_finding(const Check& check, StoryFinding finding, std::string_view key);

// The REGISTER transactions of one address of record, in order of first send.
struct Line {
  std::string address_of_record;
  std::vector<const SipTransaction*> registers;
};
std::vector<Line> register_lines(const PhoneStory& phone);
// The pass over the server list each REGISTER of the line belongs to (0, 1, ...):
// a pass starts at the first REGISTER, after a success, and at a return to a
// server the pass already tried (other than the resend after a 401/407 challenge).
std::vector<int> passes(const Line& line);

// The final response of a transaction (the last one >= 200), or nullptr.
const SipResponseSeen* final_response(const SipTransaction& transaction) noexcept;
// How a REGISTER ended, as the model reads it.
enum class RegisterEnd {
  success,     // 2xx
  challenge,   // 401/407 with a challenge: resent with credentials to the same server
  next_server, // no final response, or 503 (RFC 3263 4.3): the next server is tried
  final,       // any other 3xx-6xx: the attempt ends (RFC 3263 4.3)
};
RegisterEnd register_end(const SipTransaction& transaction) noexcept;
// Whether `next` follows `previous` directly (no transaction of the line left out
// of the story between them): same Call-ID and the next CSeq, or nothing omitted.
bool directly_after(const PhoneStory& phone, const SipTransaction& previous, const SipTransaction& next) noexcept;
bool same_server(const SipTransaction& a, const SipTransaction& b) noexcept;
// The instant of the last packet the story holds for the phone.
pcap::CaptureTime last_seen(const PhoneStory& phone) noexcept;

} // namespace sipfo::wire::model_check_detail
