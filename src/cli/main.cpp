// sipfo's entry point: parse the command line, run one subcommand, map every
// failure of sipfo's own (bad flag, bad file) to one line on stderr and exit 3
// (and, under --json or --json-lines, to a JSON error document on stdout).

#include "command.hpp"
#include "dns_source.hpp"
#include "output_options.hpp"
#include "probe_password.hpp"
#include "usage_error.hpp"

#include "sipfo/render/terminal.hpp"
#include "sipfo/util/input_error.hpp"
#include "sipfo/util/printable.hpp"
#include "sipfo/util/suggest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

using sipfo::cli::Invocation;

// "sipfo resolv x": name the unknown command and the likely one, as ninja does
// for its tools, instead of CLI11's "A subcommand is required".
void check_command_name(const CLI::App& app, const std::vector<std::string>& args)
{
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    if (arg == "--color") {
      ++i; // its value
      continue;
    }
    if (arg.starts_with("-")) continue;
    std::vector<std::string> names;
    for (const auto* command : app.get_subcommands({})) names.push_back(command->get_name());
    if (std::find(names.begin(), names.end(), arg) != names.end()) return;
    std::vector<std::string_view> choices(names.begin(), names.end());
    const auto match = sipfo::util::closest_match(arg, choices);
    throw sipfo::util::InputError("", fmt::format("unknown command '{}'", arg),
                                  match ? fmt::format("did you mean '{}'?", *match)
                                        : fmt::format("commands: {}", fmt::join(names, ", ")));
  }
}

// The one way an error leaves sipfo: a line on stderr, a JSON document on
// stdout when the user asked for JSON, exit 3.
int report_error(const Invocation& invocation, const std::string& message, const std::string& where = {})
{
  std::fflush(stdout);
  const std::string line = where.empty() ? message : where + ": " + message;
  // Messages quote what the user gave (paths, SPEC, tokens of a file): escaped,
  // so an ESC in a file name cannot drive the terminal.
  fmt::print(stderr, "sipfo: {}\n", sipfo::util::printable(line));
  if (invocation.json) fmt::print("{}\n", sipfo::cli::json_error(invocation, message, where));
  return static_cast<int>(sipfo::util::ExitStatus::unknown);
}

std::string with_hint(const sipfo::util::InputError& error)
{
  return error.hint().empty() ? error.what_is_wrong() : error.what_is_wrong() + " (" + error.hint() + ")";
}

} // namespace

int main(int argc, char** argv)
{
  sipfo::cli::Context context;
  CLI::App app;
  Invocation invocation;
  std::vector<std::string> arguments(argv, argv + argc);
  try {
    sipfo::cli::build_app(app, context);
    // CLI11 parses a copy; the real argv is scrubbed of --password at once
    // (ps and /proc/PID/cmdline show it for the whole run otherwise).
    sipfo::cli::hide_password_arguments(argc, argv);
    arguments = sipfo::cli::expand_at_servers(app, std::move(arguments)); // dig's @SERVER
    std::vector<char*> copy;
    for (auto& argument : arguments) copy.push_back(argument.data());
    invocation = sipfo::cli::scan_invocation(app, arguments);
    // Tables fit the terminal (columns shrink, long cells end in "..."); pipes get whole rows.
    sipfo::render::set_text_width(static_cast<std::size_t>(sipfo::cli::output_width(STDOUT_FILENO)));
    check_command_name(app, arguments);
    app.parse(static_cast<int>(copy.size()), copy.data());
  } catch (const CLI::Success& done) {
    return app.exit(done); // --help, --version
  } catch (const CLI::ParseError& error) {
    // CLI11 would exit 100-127 and say "The following arguments were not
    // expected"; sipfo names the option, the likely one, where help is, and
    // keeps the monitoring convention: 3.
    const auto unknown = sipfo::cli::unknown_option(app, invocation, arguments);
    return report_error(invocation, fmt::format("{}; {}", unknown ? *unknown : std::string(error.what()),
                                                sipfo::cli::help_pointer(invocation)));
  } catch (const sipfo::util::InputError& error) {
    return report_error(invocation, with_hint(error), error.where());
  } catch (const std::exception& error) {
    return report_error(invocation, fmt::format("internal error: {}", error.what()));
  }
  std::fflush(stdout);
  return static_cast<int>(context.exit_status);
}
