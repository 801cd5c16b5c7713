#include "command.hpp"

#include "sipfo/util/input_error.hpp"

#include <fmt/format.h>

namespace sipfo::cli {

namespace {

// A repeatable option (`--zone F`, `--dns-server A`, `--target T`, `--static
// H=A`) takes exactly one value per occurrence. CLI11 lets a vector option
// swallow every following word, so `resolve --zone F SPEC` read SPEC as a
// second zone file and then said "no SPEC given"; one value per flag keeps the
// positionals positional. Repeat the flag for more values.
void one_value_per_occurrence(CLI::App& command)
{
  for (CLI::Option* option : command.get_options()) {
    if (option->get_positional() || option->get_items_expected_max() <= 1) continue;
    option->expected(1)->allow_extra_args(false)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  }
}

} // namespace

void build_app(CLI::App& app, Context& context)
{
  // The name, not argv[0]: usage reads "sipfo resolve ...", not "/usr/local/bin/sipfo".
  app.name("sipfo");
  app.description("sipfo: DNS/SIP failover diagnostics for Spectralink 84-Series, PIVOT and Yealink handsets");
  app.set_version_flag("-V,--version", std::string("sipfo ") + SIPFO_VERSION);
  app.require_subcommand(1);
  app.fallthrough();
  app.add_option_function<std::string>(
       "--color",
       [&context](const std::string& value) {
         auto mode = render::parse_color_mode(value);
         if (!mode) {
           throw util::InputError("", fmt::format("unknown --color '{}'", value), "use auto, always or never");
         }
         context.color = *mode;
       },
       "Colour the output: auto (on a terminal, unless NO_COLOR is set), always, never")
    ->type_name("WHEN");
  add_resolve_command(app, context);
  add_probe_command(app, context);
  add_parse_log_command(app, context);
  add_parse_pcap_command(app, context);
  add_replay_command(app, context);
  add_sources_command(app, context);
  add_findings_command(app, context);
  for (CLI::App* command : app.get_subcommands({})) one_value_per_occurrence(*command);
}

} // namespace sipfo::cli
