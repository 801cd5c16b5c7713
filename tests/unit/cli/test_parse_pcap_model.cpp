// parse-pcap --profile: which model a run checks against, and how the model's
// judgement of a phone's send count replaces RFC 3261's Timer F warning.

#include "cli/parse_pcap_model.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace sipfo;

namespace {

// One phone that left a server after 4 sends, as the 84 does by design (a
// story without transactions: the model has no evidence of its own to add).
wire::CaptureStory abandoned_story()
{
  wire::CaptureStory story;
  wire::PhoneStory phone;
  wire::StoryFinding early;
  early.code = util::FindingCode::server_abandoned_early;
  early.severity = util::Severity::warning;
  phone.findings = {early};
  story.phones = {phone};
  return story;
}

bool has(const wire::PhoneStory& phone, util::FindingCode code)
{
  return std::any_of(phone.findings.begin(), phone.findings.end(), [&](const auto& f) { return f.code == code; });
}

} // namespace

TEST_CASE("parse-pcap model: the 84's retry rule replaces RFC 3261's server_abandoned_early")
{
  cli::ModelOptions options;
  options.profile = "spectralink-84";
  const auto expectation = cli::model_expectation(options);
  REQUIRE(expectation);
  CHECK(cli::model_name(*expectation) == "spectralink-84");
  CHECK(expectation->parameters.retries == 3); // retryMaxCount's documented default
  auto story = abandoned_story();
  cli::check_story(story, *expectation);
  CHECK_FALSE(has(story.phones.front(), util::FindingCode::server_abandoned_early));
}

TEST_CASE("parse-pcap model: rfc3263 gives every server Timer F, so server_abandoned_early stands")
{
  cli::ModelOptions options;
  options.profile = "rfc3263";
  const auto expectation = cli::model_expectation(options);
  REQUIRE(expectation);
  auto story = abandoned_story();
  cli::check_story(story, *expectation);
  CHECK(has(story.phones.front(), util::FindingCode::server_abandoned_early));
}

TEST_CASE("parse-pcap model: no --profile and no --config, no model")
{
  CHECK_FALSE(cli::model_expectation({}));
}
