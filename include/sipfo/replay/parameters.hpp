#pragma once
// The knobs of each handset model, with the documented default and its source
// (handset-models.md §2-§6). A registry table: the scenario reader, --help and the
// man page are fed from it, and a test checks the man page lists every key.

#include "sipfo/replay/sim_time.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace sipfo::replay {

enum class Model { rfc3263, spectralink84, pivot, yealink };

// "rfc3263", "spectralink-84", "pivot", "yealink" (the profile ids of design §3).
const char* model_id(Model model) noexcept;
std::optional<Model> parse_model(std::string_view id) noexcept;

// RFC 5626 jitter (handset-models C5): a uniform draw, or the end of the range for
// exact oracles.
enum class Jitter { random, min, max };
const char* jitter_name(Jitter jitter) noexcept;
std::optional<Jitter> parse_jitter(std::string_view text) noexcept;

// Where the REGISTER goes once the phone sits on a server other than the primary
// (84 failOver.failBack.mode, Yealink failback_mode 0-3; handset-models §4.3, §6).
enum class FailbackMode {
  new_requests, // every new request, each renewal included, tries the primary first
  dns_ttl,      // the last used server until its A-record TTL runs out
  registration, // the last used server until the renewal: renewals try the primary (Q3)
  duration,     // the last used server until failback.timeout after moving there
};
const char* failback_mode_name(FailbackMode mode) noexcept; // "newRequests", "DNSTTL", ...

// How a failed registration is retried once every server failed (handset-models 2.5).
enum class RetryStyle {
  rfc5626, // W = min(max, base * 2^n), wait uniform in [W/2, W]
  fixed,   // Yealink reg_fail_retry_interval when min/max times are both unset (Y-A2)
};

// PIVOT at boot [A P-A8]: REGISTER once every boot OPTIONS ended (so the most
// preferred `up` candidate is known), or with the first candidate that answers.
enum class PivotBootRegister { after_options, first_up };

// What decides a transaction [A T-A1]: the world when it starts (a server that
// comes back during a transaction is noticed by the next one; fleet oracle F2), or
// the world at each retransmission.
enum class Sampling { start, each_send };

// Every knob, already in simulator units (milliseconds, counts).
struct ModelParameters {
  // RFC 3261 17.1.1.2 / Table 4.
  SimTime t1 = 500;
  SimTime t2 = 4000;
  SimTime timer_f = 0;       // 0 = 64 * T1
  SimTime rtt = 0;           // C2: round trip; 0 = answers arrive at the send instant
  Sampling sampling = Sampling::start;
  // Retries before the next server (2.2 R1); -1 = none: every server gets Timer F (rfc3263).
  int retries = 3;
  SimTime retry_timeout = 0; // 84 retryTimeOut: 0 = RFC 3261 pacing
  // Registration period (2.6): renew at expires - overlap (expires / 2 if shorter).
  SimTime expires = 3'600'000;
  SimTime overlap = 60'000;
  // Retry after every server failed (2.5).
  RetryStyle retry_style = RetryStyle::rfc5626;
  SimTime backoff_base = 30'000;
  SimTime backoff_max = 1'800'000;
  SimTime retry_interval = 30'000; // RetryStyle::fixed
  // Failback (4.3, 6).
  FailbackMode failback = FailbackMode::new_requests;
  SimTime failback_timeout = 3'600'000; // duration mode; 0 = never until the server fails
  // C6: REGISTER with digest = one extra 401 round trip (a message, no time).
  bool digest = false;
  // 4.4: a query to an unreachable DNS server gives up after this long.
  SimTime dns_timeout = 5000;
  // Q11: a phone on TCP/TLS re-registers at once when the server drops its connection.
  bool reregister_on_drop = true;
  // Yealink sip.reg_surge_prevention: uniform wait before the first REGISTER after boot.
  SimTime surge_prevention = 0;
  // Yealink account.X.fallback.*: 0 concurrent, 1 successive (one server at a time).
  int redundancy_type = 0;
  SimTime fallback_timeout = 120'000;
  // 84-Series topology (4.1): false = one DNS name whose candidates form a failover
  // list; true = a static list of server entries, each registered on its own (S84-A2).
  bool static_list = false;
  // PIVOT (5).
  SimTime options_interval = 300'000;
  SimTime register_refresh_max = 300'000;
  SimTime dns_requery = 7'200'000;
  PivotBootRegister boot_register = PivotBootRegister::after_options;
};

// The documented defaults of one model.
ModelParameters default_parameters(Model model) noexcept;

// Timer F as used: 64 * T1 unless set.
SimTime timer_f(const ModelParameters& parameters) noexcept;

// When a registration granted for `granted` ms is renewed, counted from its 2xx
// (handset-models 2.6): granted - overlap, or granted / 2 when the overlap is not
// shorter than the grant; PIVOT (§5): min(register_refresh_max, granted / 2), at
// least 1 s. The replay machines and parse-pcap's model check share this rule.
SimTime renewal_delay(Model model, const ModelParameters& parameters, SimTime granted) noexcept;

// Settles what depends on several keys once all are read: Yealink's retry style
// (reg_failed_retry_min_time 0 means the fixed interval, Y-A2).
void finalize_parameters(Model model, ModelParameters& parameters) noexcept;

// How a value is written in the scenario.
enum class ValueKind {
  seconds,      // duration; a bare number is seconds ("expires = 3600", "options_interval = \"5m\"")
  milliseconds, // duration; a bare number is milliseconds (84 retryTimeOut)
  count,        // an integer
  choice,       // one of `choices` (a number is the index, as Yealink writes failback_mode)
  flag,         // true/false or 0/1
};

struct ParameterSpec {
  std::string_view key;      // as in [phone], vendor spelling without the per-line prefix
  unsigned models;           // bit (1 << Model) for each model that reads it
  ValueKind kind;
  std::string_view fallback; // the default, as the man page shows it
  std::string_view source;   // "Polycom UC Software 4.1.6 guide p.48", "sipfo's assumption"
  std::string_view summary;
  std::span<const std::string_view> choices; // for ValueKind::choice
  std::int64_t min = 0;      // accepted range, in the unit of `kind` (ms for durations)
  std::int64_t max = 0;
  // Stores a checked value (ms for durations, the index for a choice).
  void (*apply)(ModelParameters&, std::int64_t);
};

std::span<const ParameterSpec> parameter_specs() noexcept;
// The spec for `key` read by `model` (case-insensitive), or nullptr.
const ParameterSpec* find_parameter(Model model, std::string_view key) noexcept;
bool reads(const ParameterSpec& spec, Model model) noexcept;

} // namespace sipfo::replay
