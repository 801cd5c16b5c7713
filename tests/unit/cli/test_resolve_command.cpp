// The resolve command parsed in-process, as CLI11's own tests do: bad usage is an
// InputError (exit 3) with a "did you mean" where one helps.

#include "cli/command.hpp"

#include "sipfo/util/input_error.hpp"

#include <doctest/doctest.h>

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
