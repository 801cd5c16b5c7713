// make_ares_resolver without the network: server validation and describe().
// Its answers are checked against a real NSD by the integration tests.

#include "sipfo/dns/ares_resolver.hpp"
#include "sipfo/util/input_error.hpp"

#include <doctest/doctest.h>

using namespace sipfo::dns;
using namespace std::chrono_literals;

TEST_CASE("dns::make_ares_resolver: a malformed --dns-server is an input error")
{
  AresOptions options;
  options.servers = {"127.0.0.1:5353", "dns.example:53"};
  try {
    make_ares_resolver(options);
    FAIL("no InputError");
  } catch (const sipfo::util::InputError& error) {
    CHECK(error.where().empty());
    CHECK(error.what_is_wrong() == "bad --dns-server 'dns.example:53'");
    CHECK_FALSE(error.hint().empty());
  }
}

TEST_CASE("dns::make_ares_resolver: describe names the servers, transports and bound")
{
  AresOptions options;
  options.servers = {"127.0.0.1:5353"};
  options.timeout = 3s;
  CHECK(make_ares_resolver(options)->describe() == "127.0.0.1@5353 (UDP, TCP on truncation), timeout 3 s");

  options.servers = {"127.0.53.1:53053", "[::1]"};
  options.timeout = 1500ms;
  CHECK(make_ares_resolver(options)->describe() ==
        "127.0.53.1@53053, ::1@53 (UDP, TCP on truncation; servers tried in order), timeout 1.5 s");
}

TEST_CASE("dns::make_ares_resolver: no questions, no answers")
{
  AresOptions options;
  options.servers = {"127.0.0.1:5353"};
  CHECK(make_ares_resolver(options)->resolve({}).empty());
}
