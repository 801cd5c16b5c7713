#pragma once
// A replay scenario (design §5): the profile and its parameters, the servers, and
// timed events. Read from TOML; every error names FILE:LINE and the key.

#include "sipfo/handset/candidate.hpp"
#include "sipfo/handset/server_setting.hpp"
#include "sipfo/replay/parameters.hpp"
#include "sipfo/replay/sim_time.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sipfo::replay {

enum class Method : std::uint8_t { register_, options, invite };
inline constexpr int method_count = 3;
const char* method_name(Method method) noexcept; // "REGISTER", "OPTIONS", "INVITE"

// How a server behaves from an event on (handset-models C3).
struct ServerMode {
  enum class Kind : std::uint8_t {
    up,        // answers every request at once with 200 (C2)
    blackhole, // no reply, no ICMP: transactions time out
    refused,   // ICMP port unreachable (UDP) or RST (TCP): fails at once, a local 503
    reply,     // answers `methods` with `code`, other methods with 200
  };
  Kind kind = Kind::up;
  int code = 200;
  SimTime retry_after = 0;  // Retry-After of a 503, 0 when absent
  unsigned methods = 0b111; // bit (1 << Method) for each method the code applies to
};

// "up", "blackhole", "refused", "reply=503,retry_after=30"
std::string mode_text(const ServerMode& mode);

// A server the phone may register with: listed in [[server]], or found by
// resolving the phone's setting (then named after its address).
struct ScenarioServer {
  std::string name;          // what events and output call it ("p1")
  std::string address;       // IP text, no brackets
  std::optional<std::uint16_t> port; // nullopt: any port at this address
  handset::Transport transport = handset::Transport::udp;
  int rank = 1;              // PIVOT P<n>; as if from a serverspec
  std::uint16_t priority = 1; // as if from SRV (design §5)
  std::uint16_t weight = 0;
  SimTime ttl = 300'000;     // A-record TTL, for DNSTTL failback [A: 300 s]
  int line = 0;              // in the scenario file, for messages
};

enum class EventKind : std::uint8_t {
  server_down,  // mode per C3 (default blackhole)
  server_up,
  server_reply, // answers with a code from now on
  server_drop,  // drops its TCP/TLS connections (the server stays as it is)
  dns_change,   // a new zone from now on
  dns_down,     // the DNS server is unreachable: queries time out
  dns_up,
  net_down,     // the phone's network (every phone of a fleet)
  net_up,
  phone_reboot,
};
const char* event_name(EventKind kind) noexcept; // "server.down", ...
std::optional<EventKind> parse_event_name(std::string_view name) noexcept;

// Which phones of a fleet an event is for (net.*, phone.reboot): every phone, the
// ids in `ranges` (phones = "0-499,1000"), or each phone with probability `share`,
// drawn from (seed, event, phone id) so it does not depend on run order (C5).
struct PhoneSelection {
  enum class Kind : std::uint8_t { all, ranges, share };
  Kind kind = Kind::all;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> ranges; // inclusive
  double share = 1.0;
};

struct ScenarioEvent {
  SimTime at = 0;
  EventKind kind = EventKind::server_down;
  int server = -1;            // index into Scenario::servers, for server.*
  ServerMode mode;            // for server.down / server.reply
  std::string zone;           // for dns.change: the zone file (absolute or relative to the scenario)
  PhoneSelection phones;      // for net.down, net.up, phone.reboot
  int line = 0;
};

// Whether `event` (the `index`-th of the scenario) is for phone `id`.
bool applies_to(const ScenarioEvent& event, std::size_t index, std::uint64_t seed, std::uint32_t id) noexcept;


enum class BootOrder { even, random };

// [fleet]: how N phones boot (handset-models §8).
struct FleetSettings {
  SimTime boot_spread = 0;          // phone i boots at i * spread / N (even) or uniform in [0, spread)
  BootOrder boot_order = BootOrder::even;
  SimTime bucket = 10'000;          // one chart column / JSON line per bucket
};

// A key given in [phone], kept for the report ("which knobs were used").
struct GivenParameter {
  std::string key;
  std::string value;
  int line = 0;
};

struct Scenario {
  std::string file;                 // as given, for messages
  Model model = Model::spectralink84;
  SimTime duration = 3'600'000;
  Jitter jitter = Jitter::max;
  std::uint64_t seed = 1;
  // The phone's server setting: a PIVOT serverspec field or address/port/transport.
  // Nullopt when the candidates are the [[server]] list itself.
  std::optional<handset::ServerSetting> setting;
  ModelParameters parameters;
  std::vector<GivenParameter> given;
  std::vector<ScenarioServer> servers;
  std::vector<ScenarioEvent> events; // sorted by `at`, file order kept for equal instants (C4)
  std::vector<std::string> zones;    // zone files (relative to the scenario), before --zone
  FleetSettings fleet;
};

// Throws util::InputError("FILE:LINE", "key: what", hint) on bad input.
Scenario parse_scenario(std::string_view text, const std::string& file);
Scenario read_scenario(const std::filesystem::path& path);

// Which topology the scenario runs (handset-models 4.1, 6), for the header line:
// "dns failover list (...)", "static entries, registered concurrently (...)", ...
std::string topology_text(const Scenario& scenario);

// Whether any event is for part of the fleet only.
bool has_partial_events(const Scenario& scenario) noexcept;

// Index of the server called `name`, or -1.
int find_server(const Scenario& scenario, std::string_view name) noexcept;

} // namespace sipfo::replay
