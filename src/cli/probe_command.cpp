// `sipfo probe [SPEC]`: which candidate servers answer SIP right now (up, down,
// failed) and which one the handset would be registered to (design §4; seed
// 001 "Call server status").

#include "command.hpp"
#include "dns_source.hpp"
#include "output_options.hpp"
#include "phone_setup.hpp"
#include "probe_interrupt.hpp"
#include "probe_live.hpp"
#include "probe_password.hpp"
#include "probe_progress.hpp"
#include "probe_source.hpp"
#include "probe_targets.hpp"
#include "probe_trace.hpp"
#include "probe_watch.hpp"
#include "textfile.hpp"

#include "sipfo/check/probe_check.hpp"
#include "sipfo/probe/engine.hpp"
#include "sipfo/render/probe_report.hpp"
#include "sipfo/util/duration.hpp"
#include "sipfo/util/input_error.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <unistd.h>

namespace sipfo::cli {

namespace {

using std::chrono::milliseconds;

struct ProbeOptions {
  PhoneOptions phone;
  DnsSourceOptions dns;             // its --timeout is shared: see timeout_given
  bool timeout_given = false;       // --timeout: also Timer F (RFC 3261 17.1.2.2)
  std::vector<std::string> targets; // --target
  std::string targets_file;
  std::string user, auth_user, domain, password_file;
  std::optional<std::string> password; // --password (warned about)
  std::string register_mode = "query";
  std::string t1;                   // empty: RFC 3261's 500 ms
  double rate = 100;                // targets started per second; 0: no limit
  std::string ca_file;
  bool insecure = false;
  std::string watch;                // empty: one round
  std::optional<int> count;
  OutputOptions output;             // --json, --json-lines, --format
  bool sip_trace = false;           // --sip-trace / -v: every message on stderr
  std::string source;               // --source ADDR[:PORT]
  std::string from;                 // --from URI (OPTIONS)
  std::optional<std::string> user_agent; // --user-agent TEXT
  std::string warning, critical;    // -w/-c: Nagios ranges UP[,RTT] (check/probe_thresholds.hpp)
  std::string textfile;             // --textfile: OpenMetrics, rewritten atomically each round
};

// Bounds that keep a typo from hanging a monitoring check for hours.
constexpr milliseconds max_t1{60'000};
constexpr milliseconds max_timeout{3'600'000};
constexpr milliseconds min_watch{1'000};

milliseconds duration_option(const std::string& text, const char* flag, milliseconds low, milliseconds high)
{
  const auto value = util::parse_duration(text);
  if (!value || *value < low || *value > high) {
    throw util::InputError("", fmt::format("bad {} '{}'", flag, text),
                           fmt::format("write a duration from {} to {}, e.g. 500ms, 4s or 5m",
                                       util::format_duration(low), util::format_duration(high)));
  }
  return *value;
}

ProbeOutput choose_output(const ProbeOptions& options)
{
  const OutputForm form = options.output.form();
  if (!options.watch.empty() && options.output.is_format("openmetrics")) {
    throw util::InputError("", "--format=openmetrics prints one scrape, --watch a stream",
                           "use --watch with --textfile PATH, rewritten each round");
  }
  if (!options.watch.empty() && form == OutputForm::json) {
    throw util::InputError("", "--json prints one document, --watch a stream", "use --json-lines with --watch");
  }
  if (!options.watch.empty() && options.output.is_format("nagios")) {
    throw util::InputError("", "--format=nagios is one check, not a watch", "drop --watch; let Nagios schedule it");
  }
  if (form == OutputForm::json) return ProbeOutput::json;
  if (form == OutputForm::json_lines) return ProbeOutput::json_lines;
  if (options.output.is_format("openmetrics")) return ProbeOutput::openmetrics;
  return options.output.is_format("nagios") ? ProbeOutput::nagios : ProbeOutput::text;
}

void check_account_options(const ProbeOptions& options)
{
  if (options.user.empty()) {
    const std::pair<bool, const char*> needs_user[] = {
      {!options.auth_user.empty(), "--auth-user"},
      {!options.domain.empty(), "--domain"},
      {!options.password_file.empty(), "--password-file"},
      {options.password.has_value(), "--password"},
      {options.register_mode != "query", "--register-mode"},
    };
    for (const auto& [given, flag] : needs_user) {
      if (given) throw util::InputError("", fmt::format("{} needs --user", flag), "add --user to probe with REGISTER");
    }
  }
  if (options.register_mode != "query" && options.register_mode != "bind") {
    throw util::InputError("", fmt::format("unknown --register-mode '{}'", options.register_mode), "use query or bind");
  }
}

void check_target_options(const ProbeOptions& options)
{
  const bool explicit_targets = !options.targets.empty() || !options.targets_file.empty();
  const bool phone = !options.phone.spec.empty() || !options.phone.config.empty();
  if (explicit_targets && phone) {
    throw util::InputError("", "both a server setting (SPEC or --config) and --target/--targets-file were given",
                           "probe what a phone resolves, or explicit targets, not both");
  }
  if (!explicit_targets && !phone) {
    throw util::InputError("", "nothing to probe",
                           "give SPEC, --config FILE, --target HOST[:PORT][/udp|tcp|tls] or --targets-file FILE");
  }
  if (explicit_targets && (!options.phone.profile.empty() || !options.phone.transport.empty() || options.phone.port)) {
    throw util::InputError("", "--profile, --transport and --port describe a SPEC; --target skips them",
                           "write the port and transport in the target: HOST:PORT/tcp");
  }
  if (!options.ca_file.empty() && !std::ifstream(options.ca_file)) {
    throw util::InputError(options.ca_file, "cannot read the CA file", "give a PEM file of trusted CA certificates");
  }
}

// The SIP domain of a SPEC: what a phone puts in its REGISTER Request-URI and
// To (the configured address; PIVOT: the field's first value, CS-18-09).
std::string spec_domain(const PhoneSetup& setup)
{
  std::string_view address = setup.setting.address;
  if (setup.profile->spec_form == handset::SpecForm::server_list) address = address.substr(0, address.find(';'));
  const auto first = address.find_first_not_of(" \t");
  const auto last = address.find_last_not_of(" \t");
  if (first == std::string_view::npos) return "";
  return handset::strip_brackets(address.substr(first, last - first + 1));
}

// Everything one round needs; made once, probed once per round.
struct ProbePlan {
  render::ProbeInput input;
  handset::Resolution resolution; // queries, candidates, resolve findings
  std::vector<probe::Target> targets;
  probe::ProbeSettings settings;
  probe::EngineSettings engine;
};

void plan_targets(const ProbeOptions& options, ProbePlan& plan)
{
  if (options.targets.empty() && options.targets_file.empty()) {
    const auto setup = setup_from_options(options.phone);
    plan.input.spec = setup.spec;
    plan.input.profile = std::string(setup.profile->id);
    plan.input.setting = setup.setting;
    auto resolver = make_resolver(options.dns);
    plan.input.dns_source = resolver->describe();
    const handset::ProfileOptions profile_options{options.phone.seed, setup.naptr_build, &setup.static_cache};
    plan.resolution = setup.profile->resolve(setup.setting, *resolver, profile_options);
    plan.resolution.findings.insert(plan.resolution.findings.begin(), setup.findings.begin(), setup.findings.end());
    if (plan.settings.account && plan.settings.account->domain.empty()) {
      plan.settings.account->domain = spec_domain(setup);
    }
  } else {
    auto entries = parse_target_options(options.targets);
    if (!options.targets_file.empty()) {
      auto from_file = read_targets_file(options.targets_file);
      entries.insert(entries.end(), from_file.begin(), from_file.end());
    }
    for (const auto& entry : entries) plan.input.targets.push_back(entry.text);
    std::unique_ptr<dns::Resolver> resolver;
    if (needs_dns(entries)) {
      resolver = make_resolver(options.dns);
      plan.input.dns_source = resolver->describe();
    }
    plan.resolution = resolve_target_entries(entries, resolver.get());
  }
  plan.targets = probe_targets(plan.resolution);
}

ProbePlan make_plan(const ProbeOptions& options)
{
  ProbePlan plan;
  auto& timers = plan.settings.timers;
  if (!options.t1.empty()) timers.t1 = duration_option(options.t1, "--t1", milliseconds(1), max_t1);
  timers.t2 = std::max(timers.t2, timers.t1);
  if (options.timeout_given) timers.timer_f = duration_option(options.dns.timeout, "--timeout", milliseconds(1), max_timeout);
  if (!options.user.empty()) {
    const PasswordSources sources{options.password_file, options.password, std::getenv("SIPFO_PASSWORD")};
    plan.settings.account = probe::Account{options.user, options.auth_user, options.domain,
                                           choose_password(sources, stderr)};
  }
  plan.settings.register_mode = options.register_mode == "bind" ? probe::RegisterMode::bind : probe::RegisterMode::query;
  if (!options.source.empty()) plan.engine.source = parse_source_option(options.source);
  if (!options.from.empty()) plan.settings.from_uri = check_from_option(options.from);
  if (options.user_agent) plan.settings.user_agent = check_user_agent_option(*options.user_agent);
  plan.engine.rate = options.rate;
  plan.engine.tls.ca_file = options.ca_file;
  plan.engine.tls.verification = options.insecure ? sip::Verification::insecure : sip::Verification::verify;
  plan_targets(options, plan);
  plan.input.thresholds = check::parse_probe_thresholds(options.warning, options.critical);
  plan.input.user = options.user;
  plan.input.source = options.source;
  plan.input.from_uri = plan.settings.from_uri;
  plan.input.user_agent = plan.settings.user_agent;
  plan.input.register_mode = plan.settings.register_mode;
  plan.input.t1 = timers.t1;
  plan.input.timer_f = timers.timeout();
  return plan;
}

// What a round shows while it runs: the progress line, the live rows and the
// SIP trace (each only where it belongs: a terminal, text output, -v).
struct RoundView {
  ProgressLine* progress = nullptr;
  LiveRows* live = nullptr;
  bool trace = false;
  bool trace_color = false;
};

render::ProbeRun probe_round(const ProbePlan& plan, const RoundStop& stop, const RoundView& view)
{
  sip::SteadyClock clock;
  probe::ProbeSettings settings = plan.settings;
  if (view.trace) {
    settings.trace = [&view](const probe::TracedMessage& message) {
      if (view.progress) view.progress->clear();
      const std::string text = trace_text(message, std::chrono::system_clock::now(), view.trace_color);
      std::fwrite(text.data(), 1, text.size(), stderr);
      std::fflush(stderr);
    };
  }
  probe::EngineHooks hooks;
  hooks.wake_fd = stop.wake_fd;
  hooks.on_result = [&view](std::size_t, const probe::TargetResult& result) {
    if (view.live) view.live->add(result);
  };
  hooks.on_tick = [&](const probe::EngineProgress& progress) {
    if (view.progress) view.progress->update(progress, clock.now());
    return stop.requested && stop.requested();
  };
  auto results = probe::run_probes(plan.targets, settings, plan.engine, clock, hooks);
  if (view.progress) view.progress->clear();
  const auto check = plan.settings.account ? probe::RegisterCheck::on : probe::RegisterCheck::off;
  render::ProbeRun run{plan.input, plan.resolution, probe::make_report(std::move(results), check),
                       util::ExitStatus::unknown};
  auto findings = check::probe_findings(run.probe);
  // Design §4: an error-level finding never ends in 0 (a --target whose name
  // does not resolve is one, and is counted as unknown); check::probe_status says so.
  run.exit_status = check::probe_status(run.probe, {plan.resolution.findings, findings}, plan.input.thresholds);
  run.resolution.findings.insert(run.resolution.findings.end(), findings.begin(), findings.end());
  return run;
}

std::string render_run(const render::ProbeRun& run, ProbeOutput output, bool color)
{
  switch (output) {
  case ProbeOutput::json: return render::probe_json(run);
  case ProbeOutput::nagios: return render::probe_nagios(run);
  case ProbeOutput::openmetrics: return render::probe_openmetrics(run);
  case ProbeOutput::json_lines: {
    const auto transitions = render::probe_transitions(nullptr, run.probe);
    return render::transitions_json_lines(run, transitions, std::chrono::system_clock::now(), 1);
  }
  case ProbeOutput::text: break;
  }
  return render::probe_text(run, color);
}

util::ExitStatus run_probe(const ProbeOptions& options, const Context& context)
{
  const auto output = choose_output(options);
  check_account_options(options);
  check_target_options(options);
  std::optional<milliseconds> watch;
  if (!options.watch.empty()) watch = duration_option(options.watch, "--watch", min_watch, milliseconds(86'400'000));
  if (options.count && !watch) throw util::InputError("", "--count needs --watch", "add --watch DURATION");
  check::parse_probe_thresholds(options.warning, options.critical); // bad ranges: exit 3 before any packet
  const ProbePlan plan = make_plan(options);
  const bool color = color_output(context, STDOUT_FILENO);
  const bool trace_color = color_output(context, STDERR_FILENO);
  const bool pivot = plan.resolution.rank_style == handset::RankStyle::serverspec;
  RoundWritten written;
  if (!options.textfile.empty()) {
    written = [&options](const render::ProbeRun& run) { write_textfile(options.textfile, render::probe_openmetrics(run)); };
  }
  if (watch) {
    const ProbeRound round = [&](const RoundStop& stop) {
      ProgressLine progress(stderr);
      return probe_round(plan, stop, RoundView{&progress, nullptr, options.sip_trace, trace_color});
    };
    return watch_probes(round, WatchSettings{*watch, options.count, output, color, written}, stdout, stderr);
  }
  // One round. Ctrl-C stops it at once: what is known is printed, the rest
  // is marked interrupted, and the exit status is 130.
  InterruptWatch interrupt;
  const RoundStop stop{interrupt.fd(), [&interrupt] { return interrupt.wait(std::chrono::milliseconds(0)); }};
  ProgressLine progress(stderr);
  LiveRows live(stdout, output == ProbeOutput::text && !options.sip_trace, color, pivot, progress);
  live.print(render::probe_header_text(render::ProbeRun{plan.input, plan.resolution, {}, util::ExitStatus::unknown}) +
             "\n");
  auto run = probe_round(plan, stop, RoundView{&progress, &live, options.sip_trace, trace_color});
  if (was_interrupted(run)) run.exit_status = interrupted_status(interrupt.signal_number());
  live.erase();
  if (written) written(run);
  const auto out = live.active() ? render::probe_results_text(run, color) : render_run(run, output, color);
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  return run.exit_status;
}

} // namespace

void add_probe_command(CLI::App& app, Context& context)
{
  auto options = std::make_shared<ProbeOptions>();
  auto* command = app.add_subcommand("probe", "Probe the candidate servers with SIP OPTIONS (and REGISTER): up, down, failed");
  add_phone_options(*command, options->phone);
  add_dns_source_options(*command, options->dns);
  auto* timeout = command->get_option("--timeout");
  timeout->description("Give up on one DNS query and on one SIP transaction (Timer F) after this long "
                       "(default: DNS 3s, Timer F 64*T1 = 32s)");
  command->add_option("--target", options->targets,
                      "Probe this server instead of resolving SPEC (repeatable; IPv6 in brackets: [::1]:5060/udp)")
    ->type_name("HOST[:PORT][/udp|tcp|tls]");
  command->add_option("--targets-file", options->targets_file, "Probe the targets in FILE, one a line ('#' comments)")
    ->type_name("FILE");
  command->add_option("--user", options->user, "Also send REGISTER for this user (the address-of-record's user part)")
    ->type_name("USER");
  command->add_option("--auth-user", options->auth_user, "Digest user name, when it differs from --user")
    ->type_name("NAME");
  command->add_option("--domain", options->domain, "SIP domain of the REGISTER (default: SPEC's domain, else the server)")
    ->type_name("DOMAIN");
  command->add_option("--password-file", options->password_file,
                      "Read the digest password from the first line of FILE (or set SIPFO_PASSWORD)")
    ->type_name("FILE");
  command->add_option("--password", options->password,
                      "The digest password on the command line: visible to other users, so sipfo warns")
    ->type_name("PASSWORD");
  command->add_option("--register-mode", options->register_mode,
                      "query: a binding query without Contact (default, RFC 3261 10.2.3); bind: register a probe "
                      "contact, then remove it")
    ->type_name("query|bind");
  command->add_option("--t1", options->t1, "RFC 3261 T1, the first UDP retransmission interval (default 500ms)")
    ->type_name("DURATION");
  command->add_option("--rate", options->rate, "Start at most this many targets per second (default 100; 0 = no limit)")
    ->type_name("N")
    ->check(CLI::NonNegativeNumber);
  command->add_option("--ca-file", options->ca_file, "Trust the CA certificates in this PEM file for TLS")
    ->type_name("FILE");
  command->add_flag("--insecure", options->insecure,
                    "Carry on over TLS when the certificate does not verify (still reported as a finding)");
  command->add_option("--watch", options->watch, "Probe again every DURATION and print the transitions")
    ->type_name("DURATION");
  command->add_option("--count", options->count, "With --watch: stop after N rounds")
    ->type_name("N")
    ->check(CLI::PositiveNumber);
  add_output_options(*command, options->output,
                     {.json_lines = true,
                      .formats = {"nagios", "openmetrics"},
                      .json_help = "",
                      .json_lines_help = "Print one JSON object per candidate change (with --watch)"});
  command->add_option("-w,--warning", options->warning,
                      "Nagios WARNING thresholds UP[,RTT]: ranges for servers up and OPTIONS round-trip ms "
                      "(e.g. 2: or 2:,200; see sipfo-probe(1), THRESHOLDS)")
    ->type_name("UP[,RTT]");
  command->add_option("-c,--critical", options->critical,
                      "Nagios CRITICAL thresholds UP[,RTT], as --warning (e.g. 1:,1000)")
    ->type_name("UP[,RTT]");
  command->add_option("--textfile", options->textfile,
                      "Also write the OpenMetrics output to PATH, atomically, after every round (with --watch)")
    ->type_name("PATH");
  command->add_flag("-v,--sip-trace", options->sip_trace,
                    "Show every SIP request and response as sent and received, with time, transport, source and "
                    "destination, on stderr (no password: the digest response is a hash)");
  command->add_option("--source", options->source,
                      "Send from this local address (and port): what an SBC's ACL matches")
    ->type_name("ADDR[:PORT]");
  command->add_option("--from", options->from, "From URI of the OPTIONS (default sip:sipfo@<local address>)")
    ->type_name("URI");
  command->add_option("--user-agent", options->user_agent, "User-Agent of every request (default sipfo/<version>)")
    ->type_name("TEXT");
  command->footer(profile_list());
  command->callback([options, timeout, &context] {
    options->timeout_given = timeout->count() > 0;
    try {
      context.exit_status = run_probe(*options, context);
    } catch (const util::InputError& error) {
      // Nagios reads stdout: say UNKNOWN there too (stderr gets the usual line).
      if (options->output.is_format("nagios")) fmt::print("SIP UNKNOWN - {}\n", error.what_is_wrong());
      throw;
    }
  });
}

} // namespace sipfo::cli
