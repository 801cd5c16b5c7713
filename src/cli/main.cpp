// sipfo's entry point: parse the command line, run one subcommand, map every
// failure of sipfo's own (bad flag, bad file) to one line on stderr and exit 3.

#include "command.hpp"
#include "probe_password.hpp"

#include "sipfo/util/input_error.hpp"
#include "sipfo/util/printable.hpp"
#include "sipfo/util/suggest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

namespace {

// "sipfo resolv x": name the unknown command and the likely one, as ninja does
// for its tools, instead of CLI11's "A subcommand is required".
void check_command_name(const CLI::App& app, int argc, char** argv)
{
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
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

} // namespace

int main(int argc, char** argv)
{
  using sipfo::util::ExitStatus;
  sipfo::cli::Context context;
  CLI::App app{"sipfo"};
  try {
    sipfo::cli::build_app(app, context);
    // CLI11 parses a copy; the real argv is scrubbed of --password at once
    // (ps and /proc/PID/cmdline show it for the whole run otherwise).
    std::vector<std::string> arguments(argv, argv + argc);
    std::vector<char*> copy;
    for (auto& argument : arguments) copy.push_back(argument.data());
    sipfo::cli::hide_password_arguments(argc, argv);
    check_command_name(app, argc, copy.data());
    app.parse(argc, copy.data());
  } catch (const CLI::Success& done) {
    return app.exit(done); // --help, --version
  } catch (const CLI::ParseError& error) {
    // CLI11 would exit 100-127; sipfo keeps the monitoring convention: 3.
    fmt::print(stderr, "sipfo: {} (see 'sipfo --help')\n", sipfo::util::printable(error.what()));
    return static_cast<int>(ExitStatus::unknown);
  } catch (const sipfo::util::InputError& error) {
    // Input errors quote what the user gave (paths, SPEC, tokens of a file):
    // escaped, so an ESC in a file name cannot drive the terminal.
    fmt::print(stderr, "sipfo: {}\n", sipfo::util::printable(sipfo::util::format_input_error(error)));
    return static_cast<int>(ExitStatus::unknown);
  } catch (const std::exception& error) {
    fmt::print(stderr, "sipfo: internal error: {}\n", sipfo::util::printable(error.what()));
    return static_cast<int>(ExitStatus::unknown);
  }
  std::fflush(stdout);
  return static_cast<int>(context.exit_status);
}
