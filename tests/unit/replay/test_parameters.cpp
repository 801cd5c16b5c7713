// The parameter registry: documented defaults, and every key in the man page.

#include "sipfo/replay/parameters.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <regex>
#include <sstream>

using namespace sipfo::replay;

TEST_CASE("replay::default_parameters: the documented defaults (handset-models §3-§6)")
{
  const auto rfc = default_parameters(Model::rfc3263);
  CHECK(rfc.retries == -1);
  CHECK(rfc.backoff_base == 30'000);
  CHECK(rfc.backoff_max == 1'800'000);
  CHECK(timer_f(rfc) == 32'000);
  const auto p84 = default_parameters(Model::spectralink84);
  CHECK(p84.expires == 3'600'000);
  CHECK(p84.overlap == 60'000);
  CHECK(p84.failback_timeout == 3'600'000);
  const auto yealink = default_parameters(Model::yealink);
  CHECK(yealink.retry_interval == 30'000);
  CHECK(yealink.failback == FailbackMode::new_requests);
  const auto pivot = default_parameters(Model::pivot);
  CHECK(pivot.register_refresh_max == 300'000);
  CHECK(pivot.boot_register == PivotBootRegister::after_options);
}

TEST_CASE("replay::find_parameter: per model, case-insensitive")
{
  CHECK(find_parameter(Model::spectralink84, "registerretry.basetimeout") != nullptr);
  CHECK(find_parameter(Model::yealink, "registerRetry.baseTimeOut") == nullptr);
  CHECK(find_parameter(Model::pivot, "options_interval") != nullptr);
  CHECK(find_parameter(Model::rfc3263, "t1") != nullptr);
}

TEST_CASE("docs: every scenario parameter is in sipfo-replay(1) with its default and source")
{
  std::ifstream in(std::string(SIPFO_SOURCE_DIR) + "/man/sipfo-replay.1");
  REQUIRE(in.good());
  std::stringstream buffer;
  buffer << in.rdbuf();
  auto page = std::regex_replace(buffer.str(), std::regex(R"(\\f[BIRP])"), "");
  page = std::regex_replace(page, std::regex(R"(\\-)"), "-");
  page = std::regex_replace(page, std::regex(R"(\\&)"), "");
  for (const auto& spec : parameter_specs()) {
    CHECK_MESSAGE(page.find(std::string(spec.key)) != std::string::npos, spec.key << " missing from man/sipfo-replay.1");
    CHECK_MESSAGE(page.find(std::string(spec.source)) != std::string::npos,
                  spec.key << ": source '" << spec.source << "' missing from man/sipfo-replay.1");
  }
}
