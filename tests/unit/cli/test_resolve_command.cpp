// The resolve command parsed in-process, as CLI11's own tests do: bad usage is an
// InputError (exit 3) with a "did you mean" where one helps.

#include "cli/command.hpp"

#include "sipfo/util/input_error.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

namespace {

std::string usage_error(std::vector<std::string> args)
{
  sipfo::cli::Context context;
  CLI::App app{"sipfo"};
  sipfo::cli::build_app(app, context);
  std::reverse(args.begin(), args.end()); // CLI11 takes the vector reversed
  try {
    app.parse(args);
  } catch (const sipfo::util::InputError& error) {
    return error.what();
  }
  return "";
}

const std::string zone = std::string(SIPFO_SOURCE_DIR) + "/fixtures/zones/eslab.local.zone";

} // namespace

TEST_CASE("cli resolve: an unknown profile suggests the closest one")
{
  CHECK(usage_error({"resolve", "eslab.local", "--zone", zone, "--profile", "spectralink84"}) ==
        "unknown profile 'spectralink84' (did you mean 'spectralink-84'?)");
}

TEST_CASE("cli resolve: an unknown transport suggests the closest spelling")
{
  CHECK(usage_error({"resolve", "eslab.local", "--zone", zone, "--transport", "UDPonyl"}) ==
        "unknown transport 'UDPonyl' (did you mean 'UDPOnly'?)");
}

TEST_CASE("cli resolve: zone files and servers are exclusive, and a bad timeout is named")
{
  CHECK(usage_error({"resolve", "x.test", "--zone", zone, "--dns-server", "127.0.0.1"}) ==
        "--zone and --dns-server were both given (use zone files or a server, not both)");
  CHECK(usage_error({"resolve", "x.test", "--dns-server", "127.0.0.1", "--timeout", "soon"}) ==
        "bad --timeout 'soon' (write e.g. 500ms, 3s or 1m)");
}

TEST_CASE("cli resolve: --zone F SPEC reads F as the zone and SPEC as SPEC")
{
  // CLI11 let the repeatable --zone swallow the following SPEC ("no SPEC given").
  CHECK(usage_error({"resolve", "--zone", zone, "eslab.local"}).empty());
  CHECK(usage_error({"resolve", "--zone", zone, "--zone", zone, "eslab.local"}).empty());
  CHECK(usage_error({"resolve", "--dns-server", "127.0.0.1", "--zone", zone, "eslab.local"}) ==
        "--zone and --dns-server were both given (use zone files or a server, not both)");
}

TEST_CASE("cli: every repeatable option takes one value per occurrence")
{
  // The same trap for --dns-server, --target, --static and replay's --zone:
  // an option given once must never eat the positional that follows it.
  sipfo::cli::Context context;
  CLI::App app{"sipfo"};
  sipfo::cli::build_app(app, context);
  int repeatable = 0;
  for (const CLI::App* command : app.get_subcommands({})) {
    for (const CLI::Option* option : command->get_options()) {
      if (option->get_positional()) continue;
      CAPTURE(command->get_name());
      CAPTURE(option->get_name());
      CHECK(option->get_items_expected_max() <= 1);
      if (option->get_multi_option_policy() == CLI::MultiOptionPolicy::TakeAll) ++repeatable;
    }
  }
  CHECK(repeatable >= 4); // --zone, --dns-server (resolve, probe), --target, --static at least
}

TEST_CASE("cli resolve: a --config over 16 MiB is refused before it is read")
{
  // sipfo-resolve(1), LIMITS: a phone configuration is small; a big file is not one.
  const auto path = std::filesystem::temp_directory_path() / "sipfo-big-config-test.cfg";
  { std::ofstream create(path); }
  std::filesystem::resize_file(path, (16u << 20) + 1); // sparse: costs no disk
  const std::string error = usage_error({"resolve", "--config", path.string()});
  std::filesystem::remove(path);
  CHECK(error == path.string() + ": 16777217 bytes is too big for a phone configuration (give the phone's .cfg file)");
}

TEST_CASE("cli resolve: a bad word from the command line is quoted escaped and shortened")
{
  const std::string hostile = "spectralink\x1b[2J" + std::string(200, 'x');
  const std::string error = usage_error({"resolve", "eslab.local", "--zone", zone, "--profile", hostile});
  CHECK(error == "unknown profile 'spectralink\\x1b[2J" + std::string(80 - 15, 'x') +
                   "...' (profiles: spectralink-84, pivot, yealink, rfc3263)");
}
