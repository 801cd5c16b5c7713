// sipfo's entry point: parse the command line, run one subcommand, map every
// failure of sipfo's own (bad flag, bad file) to one line on stderr and exit 3.

#include "command.hpp"

#include "sipfo/util/input_error.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <exception>

int main(int argc, char** argv)
{
  using sipfo::util::ExitStatus;
  sipfo::cli::Context context;
  CLI::App app{"sipfo"};
  try {
    sipfo::cli::build_app(app, context);
    app.parse(argc, argv);
  } catch (const CLI::Success& done) {
    return app.exit(done); // --help, --version
  } catch (const CLI::ParseError& error) {
    // CLI11 would exit 100-127; sipfo keeps the monitoring convention: 3.
    fmt::print(stderr, "sipfo: {} (see 'sipfo --help')\n", error.what());
    return static_cast<int>(ExitStatus::unknown);
  } catch (const sipfo::util::InputError& error) {
    fmt::print(stderr, "sipfo: {}\n", sipfo::util::format_input_error(error));
    return static_cast<int>(ExitStatus::unknown);
  } catch (const std::exception& error) {
    fmt::print(stderr, "sipfo: internal error: {}\n", error.what());
    return static_cast<int>(ExitStatus::unknown);
  }
  std::fflush(stdout);
  return static_cast<int>(context.exit_status);
}
