// Conformance: "Spectralink 84-Series Wireless Telephone - Microsoft Lync Server
// 2013 Interoperability Guide": its statements about server resolution, transport,
// port and registration retry. Retry statements are checked through the replay
// library (the model's parameters and RFC 5626 backoff).

#include "conformance_support.hpp"

#include "sipfo/config/phone_config.hpp"
#include "sipfo/replay/backoff.hpp"
#include "sipfo/replay/parameters.hpp"

#include <doctest/doctest.h>

using namespace conformance;
using handset::TransportSetting;
using sipfo::replay::Model;

namespace {

constexpr sipfo::replay::SimTime s = 1000;

// The User Profiles template login.cfg, "LYNC LINE REGISTRATION", with a server
// address added (the template leaves it to the sign-in).
const char* login_cfg = R"(<LyncTelephony>
  <Lync
    reg.1.applyServerDigitMapLocally="1"
    reg.1.serverFeatureControl.signalingMethod="serviceMsForwardContact"
    reg.1.server.1.address="lync.example.test"
    reg.1.server.1.registerRetry.baseTimeout="10"
    reg.1.server.1.registerRetry.maxTimeout="180"
    reg.1.server.1.specialInterop="lync2013"
    reg.1.server.1.transport="TLS">
  </Lync>
</LyncTelephony>)";

} // namespace

TEST_CASE("Lync 2013 Interoperability Guide Chapter 5 login.cfg: reg.1.server.1.transport TLS is read as TLS")
{
  const auto cfg = config::parse_phone_config(login_cfg, "login.cfg");
  const auto server = config::configured_server(cfg, 1, 1);
  CHECK(server.setting.transport == TransportSetting::tls);
  CHECK(server.setting.port == 0);
}

TEST_CASE("Lync 2013 Interoperability Guide Appendix A reg.1.server.1.transport TLS with CS-14-17 Step 1: no NAPTR, SRV for TLS, then A with 5061")
{
  const std::string origin = "example.test.";
  const auto with_srv = resolve("spectralink-84", {"lync.example.test", 0, TransportSetting::tls},
                                {zone(origin, "_sips._tcp.lync IN SRV 0 0 5061 pool1\npool1 IN A 10.30.0.11\n")});
  CHECK(asked(with_srv.resolution).front() == "SRV _sips._tcp.lync.example.test.");
  CHECK(endpoints(with_srv.resolution) == std::vector<std::string>{"10.30.0.11:5061/tls"});
  const auto a_only = resolve("spectralink-84", {"lync.example.test", 0, TransportSetting::tls},
                              {zone(origin, "lync IN A 10.30.0.12\n")});
  CHECK(asked(a_only.resolution) == std::vector<std::string>{"SRV _sips._tcp.lync.example.test.", "A lync.example.test."});
  CHECK(endpoints(a_only.resolution) == std::vector<std::string>{"10.30.0.12:5061/tls"});
}

TEST_CASE("Lync 2013 Interoperability Guide Appendix A: registerRetry.baseTimeOut is 10 to 120 seconds")
{
  const auto* spec = replay::find_parameter(Model::spectralink84, "registerRetry.baseTimeOut");
  REQUIRE(spec != nullptr);
  CHECK(spec->min == 10 * s);
  CHECK(spec->max == 120 * s);
}

TEST_CASE("Lync 2013 Interoperability Guide Appendix A: registerRetry.maxTimeout is 60 to 1800 seconds")
{
  const auto* spec = replay::find_parameter(Model::spectralink84, "registerRetry.maxTimeout");
  REQUIRE(spec != nullptr);
  CHECK(spec->min == 60 * s);
  CHECK(spec->max == 1800 * s);
}

TEST_CASE("Lync 2013 Interoperability Guide Chapter 5 and Appendix A: baseTimeout and baseTimeOut are both spellings the guide uses for one parameter")
{
  CHECK(replay::find_parameter(Model::spectralink84, "registerRetry.baseTimeout") ==
        replay::find_parameter(Model::spectralink84, "registerRetry.baseTimeOut"));
}

TEST_CASE("Lync 2013 Interoperability Guide Appendix A registerRetry: the algorithm is defined in RFC 5626 (Lync base profile 10 and 180 seconds)")
{
  // RFC 5626 4.5: W = min(max-time, base-time * 2^consecutive-failures).
  CHECK(replay::backoff_window(1, 10 * s, 180 * s) == 20 * s);
  CHECK(replay::backoff_window(2, 10 * s, 180 * s) == 40 * s);
  CHECK(replay::backoff_window(4, 10 * s, 180 * s) == 160 * s);
  CHECK(replay::backoff_window(5, 10 * s, 180 * s) == 180 * s);
  CHECK(replay::backoff_window(12, 10 * s, 180 * s) == 180 * s);
  // The wait is drawn from [W/2, W] (RFC 5626 4.5: "a random number between 50 and 100% of W").
  replay::Prng prng(1, 1);
  for (int i = 0; i < 50; ++i) {
    const auto wait = replay::backoff_wait(160 * s, replay::Jitter::random, prng);
    CHECK(wait >= 80 * s);
    CHECK(wait <= 160 * s);
  }
}
