// `sipfo resolve SPEC`: what a handset gets from DNS, query by query, and the
// order in which it will try the servers (design §3).

#include "command.hpp"
#include "dns_source.hpp"
#include "output_options.hpp"
#include "phone_setup.hpp"

#include "sipfo/check/resolve_status.hpp"
#include "sipfo/handset/profile.hpp"
#include "sipfo/render/applog_trace.hpp"
#include "sipfo/render/resolve_report.hpp"
#include "sipfo/util/input_error.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <unistd.h>

namespace sipfo::cli {

namespace {

constexpr const char* resolve_examples = R"(Examples:
  sipfo resolve eslab.local
  sipfo resolve eslab.local --zone eslab.local.zone
  sipfo resolve @127.0.0.53 eslab.local --profile pivot
  sipfo resolve --config phone.cfg --line 1 --json | jq .candidates
)";

struct ResolveOptions {
  PhoneOptions phone;
  DnsSourceOptions dns;
  std::string trace;                // "" or "applog"
  OutputOptions output;             // --json, --format (text or nagios)
};

// --format: text, or nagios (with --trace excluded; --json is the output helper's business).
bool nagios_format(const ResolveOptions& options)
{
  const bool nagios = options.output.form() == OutputForm::format; // nagios, the one --format besides text
  if (nagios && !options.trace.empty()) {
    throw util::InputError("", "--format=nagios and --trace exclude each other", "pick one");
  }
  return nagios;
}

void run_resolve(const ResolveOptions& options, Context& context)
{
  const bool nagios = nagios_format(options);
  const bool json = options.output.form() == OutputForm::json;
  auto setup = setup_from_options(options.phone);
  if (!options.trace.empty()) {
    if (options.trace != "applog") {
      throw util::InputError("", fmt::format("unknown --trace '{}'", options.trace), "the one trace format is applog");
    }
    if (setup.profile->id != "spectralink-84") {
      throw util::InputError("", "--trace=applog renders an 84-Series app.log",
                             "use it with --profile spectralink-84");
    }
    if (json) throw util::InputError("", "--trace=applog prints log lines, not JSON", "drop --json");
  }
  render::ResolveReport report;
  report.spec = setup.spec;
  report.profile = std::string(setup.profile->id);
  report.setting = setup.setting;
  if (const auto note = search_domain_note(options.dns, setup.setting.address)) fmt::print(stderr, "sipfo: {}\n", *note);
  auto resolver = make_resolver(options.dns);
  report.dns_source = resolver->describe();
  handset::ProfileOptions profile_options{options.phone.seed, setup.naptr_build, &setup.static_cache};
  report.resolution = setup.profile->resolve(report.setting, *resolver, profile_options);
  report.resolution.findings.insert(report.resolution.findings.begin(), setup.findings.begin(), setup.findings.end());
  report.exit_status = check::resolve_status(report.resolution);
  context.exit_status = report.exit_status;
  std::string out;
  if (options.trace == "applog") {
    // The 84-Series' own log shapes: what its app.log should show for this setting.
    out = render::applog_trace(report.setting, report.resolution);
  } else if (nagios) {
    out = render::resolve_nagios(report);
  } else {
    out = json ? render::resolve_json(report) : render::resolve_text(report, color_output(context, STDOUT_FILENO));
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
}

} // namespace

void add_resolve_command(CLI::App& app, Context& context)
{
  auto options = std::make_shared<ResolveOptions>();
  auto* command = app.add_subcommand("resolve", "Resolve a server setting exactly as a handset does");
  add_phone_options(*command, options->phone);
  add_dns_source_options(*command, options->dns);
  command->add_option("--trace", options->trace,
                      "Print the queries as an 84-Series writes them in app.log instead (FORMAT: applog)")
    ->type_name("FORMAT");
  add_output_options(*command, options->output, {.json_lines = false, .formats = {"nagios"}, .json_help = "", .json_lines_help = ""});
  command->footer(profile_list() + resolve_examples);
  command->callback([options, &context] {
    try {
      run_resolve(*options, context);
    } catch (const util::InputError& error) {
      // Nagios reads stdout: say UNKNOWN there too (stderr gets the usual line).
      if (options->output.is_format("nagios")) fmt::print("SIP DNS UNKNOWN - {}\n", error.what_is_wrong());
      throw;
    }
  });
}

} // namespace sipfo::cli
