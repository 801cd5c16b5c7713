#pragma once
// What one simulated phone did: the timeline and the outputs of handset-models C7.

#include "sipfo/replay/scenario.hpp"
#include "sipfo/replay/sim_time.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sipfo::replay {

// The line as the phone shows it (design §5 JSON `state`).
enum class LineState : std::uint8_t {
  registered,   // a binding is live (C8: until its local expiry)
  registering,  // no binding, a REGISTER is under way
  unregistered, // no binding, waiting (backoff) or nothing to try
  frozen,       // PIVOT with its network down: nothing evaluated (CS-18-09)
};
const char* line_state_name(LineState state) noexcept;

struct TimelineRow {
  SimTime at = 0;
  std::string event;        // stable code: "register", "registered", "timeout", "server.down", ...
  int server = -1;          // the server the event is about, or -1
  LineState state = LineState::unregistered; // after the event
  int active = -1;          // the server the line is registered with after the event, or -1
  std::string why;          // the rule and its source
  bool routine = false;     // an unremarkable refresh or ping (text output folds these)
};

// A change of registration from one server to another.
struct Move {
  SimTime at = 0;
  int from = -1;            // -1 never happens for a move: the server the phone left or could not reach
  int to = -1;
  std::string reason;
};

// The phone held a registration with `server` during [from, to).
struct Binding {
  int server = -1;
  SimTime from = 0;
  SimTime to = 0;
};

using MessageCounts = std::array<std::uint64_t, method_count>; // per Method

struct PhoneResult {
  SimTime boot_at = 0;
  std::vector<TimelineRow> timeline;         // empty when not recorded (fleets)
  std::uint64_t routine_not_kept = 0;        // routine rows counted but not kept (PhoneRun::record_routine)
  std::uint64_t events = 0;                  // simulated events processed (the work budget)
  std::uint64_t bulk_steps = 0;              // quiet stretches worked out in one step (PhoneRun::bulk)
  std::optional<SimTime> detect_at;          // C7: first failed transaction on the working server
  std::vector<Move> failovers;
  std::vector<Move> failbacks;
  std::vector<Binding> bindings;             // in time order, closed at the end of the run
  SimTime unregistered_ms = 0;               // from boot to the end
  SimTime service_gap_ms = 0;
  std::vector<MessageCounts> messages;       // per server, retransmissions included
  bool registered_at_end = false;
};

} // namespace sipfo::replay
