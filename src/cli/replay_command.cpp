// `sipfo replay SCENARIO`: what a handset (or a fleet of them) does, minute by
// minute, when servers, DNS or the network change (design §5).

#include "command.hpp"
#include "output_options.hpp"

#include "sipfo/render/replay_report.hpp"
#include "sipfo/replay/fleet.hpp"
#include "sipfo/replay/simulation.hpp"
#include "sipfo/util/duration.hpp"
#include "sipfo/util/input_error.hpp"
#include "sipfo/util/input_file.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <unistd.h>

namespace sipfo::cli {

namespace {

struct ReplayOptions {
  std::string scenario;
  std::vector<std::string> zones;      // --zone FILE (repeatable), after the scenario's own
  std::uint32_t fleet = 0;             // --fleet N; 0 = one phone
  std::optional<std::uint64_t> seed;   // --seed S overrides the scenario's
  std::string jitter;                  // --jitter random|min|max overrides the scenario's
  std::string duration;                // --duration overrides the scenario's
  std::string bucket;                  // --bucket overrides [fleet] bucket
  int width = 60;                      // --width: chart columns
  OutputOptions output;                // --json, --json-lines
};

replay::SimTime duration_option(const std::string& text, const char* option)
{
  const auto value = util::parse_duration(text);
  if (!value || value->count() <= 0) {
    throw util::InputError("", fmt::format("bad {} '{}'", option, text), "write e.g. 30s, 10m, 2h or 24h");
  }
  return value->count();
}

void apply_overrides(const ReplayOptions& options, replay::Scenario& scenario)
{
  if (options.seed) scenario.seed = *options.seed;
  if (!options.jitter.empty()) {
    const auto jitter = replay::parse_jitter(options.jitter);
    if (!jitter) throw util::InputError("", fmt::format("unknown --jitter '{}'", options.jitter), "use random, min or max");
    scenario.jitter = *jitter;
  }
  if (!options.duration.empty()) {
    scenario.duration = duration_option(options.duration, "--duration");
    if (scenario.duration > 366LL * 86'400'000) throw util::InputError("", "--duration is over 366 days", "simulate less");
  }
  // A fleet keeps per-second counts per server: bound the memory they take.
  if (options.fleet > 0 && scenario.duration > 31LL * 86'400'000) {
    throw util::InputError("", "a fleet simulates at most 31 days", "give a shorter --duration");
  }
  if (!options.bucket.empty()) {
    scenario.fleet.bucket = duration_option(options.bucket, "--bucket");
    if (scenario.fleet.bucket < 1000) throw util::InputError("", "--bucket is shorter than 1s", "use 1s or more");
  }
}

// A progress line on stderr for fleet runs that take over a second, only when
// stderr is a terminal (nothing for pipes, files and CI logs). The test knob
// SIPFO_REPLAY_PROGRESS_AFTER_MS moves the one-second threshold.
class ProgressLine {
public:
  ProgressLine() : start_(Clock::now()), shown_(false)
  {
    after_ = std::chrono::milliseconds(1000);
    if (const char* knob = std::getenv("SIPFO_REPLAY_PROGRESS_AFTER_MS")) {
      after_ = std::chrono::milliseconds(std::strtoll(knob, nullptr, 10));
    }
  }
  ~ProgressLine()
  {
    if (shown_) std::fputs("\r\x1b[K", stderr); // leave the terminal as it was
  }
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  static bool wanted() { return ::isatty(STDERR_FILENO) == 1; }

  void operator()(std::uint32_t done, std::uint32_t phones)
  {
    const auto now = Clock::now();
    if (now - start_ < after_ || (shown_ && now - last_ < std::chrono::milliseconds(200))) return;
    last_ = now;
    shown_ = true;
    std::fprintf(stderr, "\rsipfo: replay: %u of %u phones (%u %%)\x1b[K", done, phones,
                 static_cast<unsigned>(static_cast<std::uint64_t>(done) * 100 / std::max<std::uint32_t>(phones, 1)));
    std::fflush(stderr);
  }

private:
  using Clock = std::chrono::steady_clock;
  Clock::time_point start_, last_;
  std::chrono::milliseconds after_{};
  bool shown_;
};

void run_replay(const ReplayOptions& options, Context& context)
{
  const OutputForm form = options.output.form();
  // "-" (standard input) and pipes read as files; a directory is refused by name.
  auto scenario = replay::parse_scenario(util::read_input_file(options.scenario, "scenario", 16u << 20),
                                         util::input_name(options.scenario));
  apply_overrides(options, scenario);
  const auto world = replay::build_world(scenario, options.zones);
  render::ReplayReport report;
  report.scenario = &scenario;
  report.world = &world;
  if (options.fleet > 0) {
    std::optional<ProgressLine> line;
    replay::FleetProgress progress;
    if (ProgressLine::wanted()) {
      line.emplace();
      progress = [&line](std::uint32_t done, std::uint32_t phones) { (*line)(done, phones); };
    }
    report.fleet = replay::simulate_fleet(scenario, world, options.fleet, progress,
                                          replay::fleet_threads(scenario, world.servers.size(), options.fleet));
    line.reset();
    report.exit_status = replay::fleet_status(*report.fleet);
  } else {
    replay::PhoneRun run;
    // Text prints only the notable rows and a count of the routine ones: keep no
    // more than that (a year of 1 s pings is 126 million rows).
    run.record_routine = form != OutputForm::text;
    report.phone = replay::simulate_phone(scenario, world, run);
    report.exit_status = replay::phone_status(*report.phone);
  }
  context.exit_status = report.exit_status;
  const auto out = form == OutputForm::json         ? render::replay_json(report)
                   : form == OutputForm::json_lines ? render::replay_json_lines(report)
                                                    : render::replay_text(report, color_output(context, STDOUT_FILENO),
                                                              options.width);
  std::fwrite(out.data(), 1, out.size(), stdout);
}

} // namespace

void add_replay_command(CLI::App& app, Context& context)
{
  auto options = std::make_shared<ReplayOptions>();
  auto* command = app.add_subcommand("replay", "Simulate a failover timeline for one phone or a fleet");
  command->add_option("SCENARIO", options->scenario, "Scenario file (TOML; see sipfo-replay(1), SCENARIO), or - for standard input")
    ->required();
  command->add_option("--zone", options->zones,
                      "Resolve the phone's setting from this RFC 1035 zone file (repeatable); no network")
    ->type_name("FILE");
  command->add_option("--fleet", options->fleet, "Simulate N phones booting as [fleet] says; print per-server load")
    ->type_name("N")
    ->check(CLI::Range(1u, 1'000'000u));
  command->add_option("--seed", options->seed, "Seed for jitter, weighted SRV choice and boot offsets (default: the scenario's)")
    ->type_name("S");
  command->add_option("--jitter", options->jitter, "RFC 5626 backoff jitter: random, min or max (default: the scenario's)")
    ->type_name("J");
  command->add_option("--duration", options->duration, "Simulated time (default: the scenario's)")
    ->type_name("DURATION");
  command->add_option("--bucket", options->bucket, "Fleet interval for charts and --json-lines (default 10s)")
    ->type_name("DURATION");
  command->add_option("--width", options->width, "Chart width in columns (default 60)")
    ->type_name("N")
    ->check(CLI::Range(10, 400));
  add_output_options(*command, options->output,
                     {.json_lines = true,
                      .formats = {},
                      .json_help = "",
                      .json_lines_help =
                        "Print one JSON object per line: each fleet interval (or timeline row), then a summary"});
  command->callback([options, &context] { run_replay(*options, context); });
}

} // namespace sipfo::cli
