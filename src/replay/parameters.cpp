#include "sipfo/replay/parameters.hpp"

#include "sipfo/util/suggest.hpp"

#include <algorithm>
#include <array>

namespace sipfo::replay {

namespace {

constexpr unsigned bit(Model model) noexcept { return 1u << static_cast<unsigned>(model); }
constexpr unsigned all_models = 0b1111;
constexpr unsigned registrar_models = bit(Model::rfc3263) | bit(Model::spectralink84) | bit(Model::yealink);
constexpr std::int64_t s = 1000;           // one second in ms
constexpr std::int64_t big = 2'147'483'647; // Yealink's upper bounds (2^31 - 1)

// Yealink numbers failback_mode 0-3 in this order (Yealink Server Redundancy); the 84 takes the names.
constexpr std::array<std::string_view, 4> failback_choices{"newRequests", "DNSTTL", "registration", "duration"};
constexpr std::array<std::string_view, 2> boot_choices{"after_options", "first_up"};
constexpr std::array<std::string_view, 2> sampling_choices{"start", "each_send"};
constexpr std::array<std::string_view, 2> topology_choices{"dns", "static"};

using P = ModelParameters;

constexpr std::array registry{
  // Shared mechanics (handset-models 2.1, C2, C6, Q11, 4.4).
  ParameterSpec{"t1", all_models, ValueKind::seconds, "500ms", "RFC 3261 Table 4",
                "RTT estimate: first retransmission interval", {}, 1, 60 * s,
                [](P& p, std::int64_t v) { p.t1 = v; }},
  ParameterSpec{"t2", all_models, ValueKind::seconds, "4s", "RFC 3261 Table 4",
                "longest retransmission interval of a non-INVITE request", {}, 1, 600 * s,
                [](P& p, std::int64_t v) { p.t2 = v; }},
  ParameterSpec{"timer_f", all_models, ValueKind::seconds, "64*T1 (32s)", "RFC 3261 17.1.2.2",
                "transaction timeout", {}, 1, 3600 * s, [](P& p, std::int64_t v) { p.timer_f = v; }},
  ParameterSpec{"rtt", all_models, ValueKind::seconds, "0", "sipfo's assumption",
                "round trip to every server; 0 = answers arrive at the send instant", {}, 0, 60 * s,
                [](P& p, std::int64_t v) { p.rtt = v; }},
  ParameterSpec{"transaction_sampling", all_models, ValueKind::choice, "start", "sipfo's assumption",
                "what decides a transaction: the world when it starts, or at each retransmission (each_send)",
                sampling_choices, 0, 1, [](P& p, std::int64_t v) { p.sampling = static_cast<Sampling>(v); }},
  ParameterSpec{"digest", all_models, ValueKind::flag, "false", "sipfo's assumption",
                "each REGISTER is challenged once: one more message, no more time", {}, 0, 1,
                [](P& p, std::int64_t v) { p.digest = v != 0; }},
  ParameterSpec{"dns_timeout", registrar_models, ValueKind::seconds, "5s", "sipfo's assumption (Polycom SoundPoint IP SIP 2.2 guide, DNS-timeout warning)",
                "how long a query to an unreachable DNS server takes to fail", {}, 1, 600 * s,
                [](P& p, std::int64_t v) { p.dns_timeout = v; }},
  ParameterSpec{"reregister_on_drop", registrar_models, ValueKind::flag, "true", "sipfo's assumption",
                "a phone on TCP/TLS re-registers at once when its server drops the connection", {}, 0, 1,
                [](P& p, std::int64_t v) { p.reregister_on_drop = v != 0; }},

  // rfc3263 (handset-models §3).
  ParameterSpec{"expires", all_models & ~bit(Model::yealink), ValueKind::seconds, "3600",
                "CS-14-17 example; sipfo's assumption for rfc3263 and pivot", "registration period requested and granted",
                {}, 10 * s, big * s, [](P& p, std::int64_t v) { p.expires = v; }},
  // Yealink's own range: account.X.sip_server.Y.expires, integer from 30 to 2147483647.
  ParameterSpec{"expires", bit(Model::yealink), ValueKind::seconds, "3600", "Yealink Server Redundancy",
                "registration period requested and granted; 30 s to 2147483647 s", {}, 30 * s, big * s,
                [](P& p, std::int64_t v) { p.expires = v; }},
  ParameterSpec{"refresh_margin", bit(Model::rfc3263), ValueKind::seconds, "60", "sipfo's assumption",
                "renew this long before the registration expires", {}, 0, big * s,
                [](P& p, std::int64_t v) { p.overlap = v; }},
  ParameterSpec{"backoff_base_all_failed", bit(Model::rfc3263), ValueKind::seconds, "30", "RFC 5626 4.5",
                "base-time of the registration backoff (one flow: all flows failed)", {}, 1 * s, big * s,
                [](P& p, std::int64_t v) { p.backoff_base = v; }},
  ParameterSpec{"backoff_max", bit(Model::rfc3263), ValueKind::seconds, "1800", "RFC 5626 4.5",
                "max-time of the registration backoff", {}, 1 * s, big * s,
                [](P& p, std::int64_t v) { p.backoff_max = v; }},

  // spectralink-84 (handset-models 4.2).
  ParameterSpec{"expires.overlap", bit(Model::spectralink84), ValueKind::seconds, "60", "Polycom UC Software 4.1.6 guide p.47",
                "renew this long before expiry (at expires/2 when expires is shorter)", {}, 5 * s, 65535 * s,
                [](P& p, std::int64_t v) { p.overlap = v; }},
  ParameterSpec{"registerRetry.baseTimeOut", bit(Model::spectralink84), ValueKind::seconds, "60",
                "Polycom UC Software 4.1.6 guide p.48 (Lync base profile 10: 84-Series Lync Interoperability Guide, App. A)",
                "RFC 5626 base-time after every server failed", {}, 10 * s, 120 * s,
                [](P& p, std::int64_t v) { p.backoff_base = v; }},
  ParameterSpec{"registerRetry.maxTimeOut", bit(Model::spectralink84), ValueKind::seconds, "60",
                "Polycom UC Software 4.1.6 guide p.48 (Lync base profile 180: 84-Series Lync Interoperability Guide, App. A)", "RFC 5626 max-time", {}, 60 * s,
                1800 * s, [](P& p, std::int64_t v) { p.backoff_max = v; }},
  ParameterSpec{"retryMaxCount", bit(Model::spectralink84), ValueKind::count, "3 (0 means 3)", "Polycom UC Software 4.1.6 guide p.48; sipfo's assumption",
                "retries before the next server (not for the last one)", {}, 0, 20,
                [](P& p, std::int64_t v) { p.retries = v == 0 ? 3 : static_cast<int>(v); }},
  ParameterSpec{"retryTimeOut", bit(Model::spectralink84), ValueKind::milliseconds, "0 (RFC 3261 pacing)",
                "Polycom UC Software 4.1.6 guide p.48", "interval between retries in ms; 0 = Timer E pacing", {}, 0, 65535,
                [](P& p, std::int64_t v) { p.retry_timeout = v; }},
  ParameterSpec{"failOver.failBack.mode", bit(Model::spectralink84), ValueKind::choice, "registration",
                "84-Series Administration Guide p.231 (Polycom UC Software 4.1.6 guide p.47: default newRequests)",
                "where renewals go after a failover: newRequests, DNSTTL, registration, duration", failback_choices,
                0, 3, [](P& p, std::int64_t v) { p.failback = static_cast<FailbackMode>(v); }},
  ParameterSpec{"failOver.failBack.timeout", bit(Model::spectralink84), ValueKind::seconds, "3600",
                "84-Series Administration Guide p.232", "duration mode: back to the primary this long after the failover; 0 = never",
                {}, 0, 65535 * s, [](P& p, std::int64_t v) { p.failback_timeout = v; }},
  ParameterSpec{"topology", bit(Model::spectralink84) | bit(Model::yealink), ValueKind::choice, "dns",
                "sipfo's assumption (sipfo-replay(1), MODELS)",
                "dns: the [[server]] list is what one name resolves to (one failover list); static: each [[server]] "
                "is a configured server entry (reg.1.server.N; Yealink sip_server.N, see fallback.redundancy_type)",
                topology_choices, 0, 1, [](P& p, std::int64_t v) { p.static_list = v == 1; }},

  // yealink (handset-models §6).
  ParameterSpec{"retry_counts", bit(Model::yealink), ValueKind::count, "3", "Yealink Server Redundancy, parameter table; sipfo's assumption",
                "retries before the next server (not for the last one)", {}, 0, 20,
                [](P& p, std::int64_t v) { p.retries = static_cast<int>(v); }},
  ParameterSpec{"failback_mode", bit(Model::yealink), ValueKind::choice, "0 (newRequests)", "Yealink Server Redundancy; Yealink Administrator's Guide",
                "0 newRequests, 1 DNSTTL, 2 registration, 3 duration", failback_choices, 0, 3,
                [](P& p, std::int64_t v) { p.failback = static_cast<FailbackMode>(v); }},
  ParameterSpec{"failback_timeout", bit(Model::yealink), ValueKind::seconds, "3600", "Yealink Server Redundancy",
                "mode 3: back to the primary this long after the failover; 0 = never; 1-59 s count as 60", {}, 0,
                65535 * s, [](P& p, std::int64_t v) { p.failback_timeout = (v > 0 && v < 60 * s) ? 60 * s : v; }},
  ParameterSpec{"reg_fail_retry_interval", bit(Model::yealink), ValueKind::seconds, "30", "Yealink Administrator's Guide",
                "fixed wait after every server failed (when reg_failed_retry_min_time is 0)", {}, 0, 1800 * s,
                [](P& p, std::int64_t v) { p.retry_interval = v; }},
  ParameterSpec{"reg_failed_retry_min_time", bit(Model::yealink), ValueKind::seconds, "0", "Yealink Administrator's Guide; sipfo's assumption",
                "RFC 5626 base-time; 0 = use the fixed interval", {}, 0, 1800 * s,
                [](P& p, std::int64_t v) { p.backoff_base = v; }},
  ParameterSpec{"reg_failed_retry_max_time", bit(Model::yealink), ValueKind::seconds, "60", "Yealink Administrator's Guide",
                "RFC 5626 max-time", {}, 0, 1800 * s, [](P& p, std::int64_t v) { p.backoff_max = v; }},
  ParameterSpec{"register_expires_overlap", bit(Model::yealink), ValueKind::seconds, "-1 (60)", "Yealink Administrator's Guide; sipfo's assumption",
                "renew this long before expiry; -1 behaves as 60", {}, -1 * s, big * s,
                [](P& p, std::int64_t v) { p.overlap = v < 0 ? 60 * s : v; }},
  ParameterSpec{"reg_surge_prevention", bit(Model::yealink), ValueKind::seconds, "0", "Yealink Administrator's Guide; sipfo's assumption: a uniform wait",
                "wait up to this long (uniform, per jitter) before the first REGISTER after boot", {}, 0, 60 * s,
                [](P& p, std::int64_t v) { p.surge_prevention = v; }},

  ParameterSpec{"fallback.redundancy_type", bit(Model::yealink), ValueKind::count, "0 (concurrent)",
                "Yealink Server Redundancy, REGISTER Fallback; sipfo's assumption",
                "topology static only: 0 concurrent, registered with [[server]] 1 and 2 at once; 1 successive, 1 is the working server, 2 the fallback one", {}, 0, 1,
                [](P& p, std::int64_t v) { p.redundancy_type = static_cast<int>(v); }},
  ParameterSpec{"fallback.timeout", bit(Model::yealink), ValueKind::seconds, "120", "Yealink Server Redundancy, parameter table",
                "successive: REGISTER probes to the working server this often while on the fallback server", {},
                10 * s, big * s, [](P& p, std::int64_t v) { p.fallback_timeout = v; }},

  // pivot (handset-models §5).
  ParameterSpec{"options_interval", bit(Model::pivot), ValueKind::seconds, "300", "CS-18-09 Preferred server examples",
                "OPTIONS to every candidate this often, on a grid from boot (sipfo's assumption)", {}, 1 * s, big * s,
                [](P& p, std::int64_t v) { p.options_interval = v; }},
  ParameterSpec{"register_refresh_max", bit(Model::pivot), ValueKind::seconds, "300", "CS-18-09 Call server status",
                "REGISTER refresh period: min(this, expires/2) after each success; at most 5 min (the phone "
                "refreshes at least every 5 minutes)",
                {}, 1 * s, 300 * s,
                [](P& p, std::int64_t v) { p.register_refresh_max = v; }},
  ParameterSpec{"dns_requery", bit(Model::pivot), ValueKind::seconds, "7200", "CS-18-09 Method 4; sipfo's assumption",
                "re-query DNS and rebuild the candidate list this often (TTL ignored)", {}, 1 * s, big * s,
                [](P& p, std::int64_t v) { p.dns_requery = v; }},
  ParameterSpec{"boot_register", bit(Model::pivot), ValueKind::choice, "after_options", "sipfo's assumption",
                "at boot, REGISTER after every OPTIONS ended (after_options) or with the first that answers (first_up)",
                boot_choices, 0, 1, [](P& p, std::int64_t v) { p.boot_register = static_cast<PivotBootRegister>(v); }},
};

} // namespace

const char* model_id(Model model) noexcept
{
  switch (model) {
  case Model::rfc3263: return "rfc3263";
  case Model::spectralink84: return "spectralink-84";
  case Model::pivot: return "pivot";
  case Model::yealink: return "yealink";
  }
  return "?";
}

std::optional<Model> parse_model(std::string_view id) noexcept
{
  for (auto model : {Model::rfc3263, Model::spectralink84, Model::pivot, Model::yealink}) {
    if (id == model_id(model)) return model;
  }
  return std::nullopt;
}

const char* jitter_name(Jitter jitter) noexcept
{
  switch (jitter) {
  case Jitter::random: return "random";
  case Jitter::min: return "min";
  case Jitter::max: return "max";
  }
  return "?";
}

std::optional<Jitter> parse_jitter(std::string_view text) noexcept
{
  for (auto jitter : {Jitter::random, Jitter::min, Jitter::max}) {
    if (text == jitter_name(jitter)) return jitter;
  }
  return std::nullopt;
}

const char* failback_mode_name(FailbackMode mode) noexcept
{
  return failback_choices[static_cast<std::size_t>(mode)].data();
}

ModelParameters default_parameters(Model model) noexcept
{
  ModelParameters p;
  switch (model) {
  case Model::rfc3263:
    p.retries = -1;                       // RFC 3263 4.3: next server after Timer F
    p.backoff_base = 30 * s;              // RFC 5626 4.5
    p.backoff_max = 1800 * s;
    p.failback = FailbackMode::new_requests; // B1: every REGISTER starts at the top
    break;
  case Model::spectralink84:
    p.retries = 3;                        // UCS416 p.48 retryMaxCount
    p.backoff_base = 60 * s;              // UCS416 p.48 registerRetry (Q7)
    p.backoff_max = 60 * s;
    p.failback = FailbackMode::registration; // SL84 p.231 (Q8)
    break;
  case Model::yealink:
    p.retries = 3;                        // S003 retry_counts
    p.backoff_base = 0;                   // reg_failed_retry_min_time
    p.backoff_max = 60 * s;
    p.retry_interval = 30 * s;            // reg_fail_retry_interval
    p.failback = FailbackMode::new_requests; // S003 failback_mode 0
    break;
  case Model::pivot:
    p.retries = -1;                       // 5: a ping or refresh ends down at Timer F
    break;
  }
  finalize_parameters(model, p);
  return p;
}

SimTime timer_f(const ModelParameters& parameters) noexcept
{
  return parameters.timer_f > 0 ? parameters.timer_f : 64 * parameters.t1;
}

SimTime renewal_delay(Model model, const ModelParameters& parameters, SimTime granted) noexcept
{
  if (model == Model::pivot) return std::min(parameters.register_refresh_max, std::max<SimTime>(granted / 2, 1000));
  return granted > parameters.overlap ? granted - parameters.overlap : granted / 2;
}

void finalize_parameters(Model model, ModelParameters& parameters) noexcept
{
  if (model == Model::yealink) {
    parameters.retry_style = parameters.backoff_base == 0 ? RetryStyle::fixed : RetryStyle::rfc5626;
    if (parameters.static_list && parameters.redundancy_type == 1) {
      // Successive fallback (S003): renew with the server in use, probe the working
      // one every fallback.timeout: the duration machinery with that period.
      parameters.failback = FailbackMode::duration;
      parameters.failback_timeout = parameters.fallback_timeout;
    }
  }
}

std::span<const ParameterSpec> parameter_specs() noexcept
{
  return registry;
}

bool reads(const ParameterSpec& spec, Model model) noexcept
{
  return (spec.models & bit(model)) != 0;
}

const ParameterSpec* find_parameter(Model model, std::string_view key) noexcept
{
  for (const auto& spec : registry) {
    if (reads(spec, model) && util::iequals(spec.key, key)) return &spec;
  }
  return nullptr;
}

} // namespace sipfo::replay
