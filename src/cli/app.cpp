#include "command.hpp"

#include "sipfo/util/input_error.hpp"

#include <fmt/format.h>

namespace sipfo::cli {

void build_app(CLI::App& app, Context& context)
{
  app.description("sipfo: DNS/SIP failover diagnostics for Spectralink 84-Series, PIVOT and Yealink handsets");
  app.set_version_flag("--version", std::string("sipfo ") + SIPFO_VERSION);
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
  add_replay_command(app, context);
}

} // namespace sipfo::cli
