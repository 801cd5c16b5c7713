// `sipfo probe [SPEC]`: which candidate servers answer SIP right now (up, down,
// failed) and which one the handset would be registered to (design §4; seed
// 001 "Call server status").

#include "command.hpp"
#include "dns_source.hpp"
#include "output_options.hpp"
#include "phone_setup.hpp"
#include "probe_password.hpp"
#include "probe_progress.hpp"
#include "probe_targets.hpp"
#include "probe_watch.hpp"

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
  if (!options.watch.empty() && form == OutputForm::json) {
    throw util::InputError("", "--json prints one document, --watch a stream", "use --json-lines with --watch");
  }
  if (!options.watch.empty() && options.output.is_format("nagios")) {
    throw util::InputError("", "--format=nagios is one check, not a watch", "drop --watch; let Nagios schedule it");
  }
  if (form == OutputForm::json) return ProbeOutput::json;
  if (form == OutputForm::json_lines) return ProbeOutput::json_lines;
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
// To (the configured address; PIVOT: the field's first value, seed 001).
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
  plan.engine.rate = options.rate;
  plan.engine.tls.ca_file = options.ca_file;
  plan.engine.tls.verification = options.insecure ? sip::Verification::insecure : sip::Verification::verify;
  plan_targets(options, plan);
  plan.input.user = options.user;
  plan.input.register_mode = plan.settings.register_mode;
  plan.input.t1 = timers.t1;
  plan.input.timer_f = timers.timeout();
  return plan;
}

render::ProbeRun probe_round(const ProbePlan& plan, const RoundProgress& progress)
{
  sip::SteadyClock clock;
  auto results = probe::run_probes(plan.targets, plan.settings, plan.engine, clock, progress);
  const auto check = plan.settings.account ? probe::RegisterCheck::on : probe::RegisterCheck::off;
  render::ProbeRun run{plan.input, plan.resolution, probe::make_report(std::move(results), check),
                       util::ExitStatus::unknown};
  auto findings = render::probe_findings(run.probe);
  run.exit_status = render::probe_run_status(run.probe, findings);
  run.resolution.findings.insert(run.resolution.findings.end(), findings.begin(), findings.end());
  return run;
}

std::string render_run(const render::ProbeRun& run, ProbeOutput output, bool color)
{
  switch (output) {
  case ProbeOutput::json: return render::probe_json(run);
  case ProbeOutput::nagios: return render::probe_nagios(run);
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
  const ProbePlan plan = make_plan(options);
  const bool color = color_output(context, STDOUT_FILENO);
  const ProbeRound round = [&plan](const RoundProgress& notify) {
    ProgressLine progress(stderr, plan.targets.size());
    return probe_round(plan, [&](std::size_t done, std::size_t total) {
      progress.update(done, total);
      if (notify) notify(done, total);
    });
  };
  if (watch) return watch_probes(round, WatchSettings{*watch, options.count, output, color}, stdout, stderr);
  const auto run = round({});
  const auto out = render_run(run, output, color);
  std::fwrite(out.data(), 1, out.size(), stdout);
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
                      .formats = {"nagios"},
                      .json_help = "",
                      .json_lines_help = "Print one JSON object per candidate change (with --watch)"});
  command->footer(profile_list());
  command->callback([options, timeout, &context] {
    options->timeout_given = timeout->count() > 0;
    try {
      context.exit_status = run_probe(*options, context);
    } catch (const util::InputError& error) {
      // Nagios reads stdout: say UNKNOWN there too (stderr gets the usual line).
      if (options->output.is_format("nagios")) fmt::print("SIPFO PROBE UNKNOWN - {}\n", error.what_is_wrong());
      throw;
    }
  });
}

} // namespace sipfo::cli
