#include "parse_pcap_model.hpp"

#include "sipfo/config/phone_config.hpp"
#include "sipfo/handset/profile.hpp"
#include "sipfo/util/input_error.hpp"
#include "sipfo/util/printable.hpp"
#include "sipfo/util/suggest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

namespace sipfo::cli {

namespace {

const handset::Profile& choose_profile(const std::string& id)
{
  if (const auto* profile = handset::find_profile(id)) return *profile;
  std::vector<std::string_view> ids;
  for (const auto& p : handset::profiles()) ids.push_back(p.id);
  const auto match = util::closest_match(id, ids);
  throw util::InputError("", fmt::format("unknown profile '{}'", util::printable(id, 80)),
                         match ? fmt::format("did you mean '{}'?", *match)
                               : fmt::format("profiles: {}", fmt::join(ids, ", ")));
}

// A finding's first evidence, for ordering; findings without evidence go last.
std::tuple<bool, std::uint32_t, std::uint64_t> first_evidence(const wire::StoryFinding& finding)
{
  if (finding.evidence.empty()) return {true, 0, 0};
  return {false, finding.evidence.front().file, finding.evidence.front().number};
}

// The model names how many sends a server gets before the next one (84
// retryMaxCount, Yealink, PIVOT); rfc3263 (-1) gives each server Timer F.
bool has_retry_rule(const wire::ModelExpectation& expectation) noexcept { return expectation.parameters.retries >= 0; }

} // namespace

void add_model_options(CLI::App& command, ModelOptions& options)
{
  std::string ids;
  for (const auto& p : handset::profiles()) ids += (ids.empty() ? "" : ", ") + std::string(p.id);
  command.add_option("--profile", options.profile,
                     fmt::format("Check each phone against this handset model ({}); default: the one --config implies", ids))
    ->type_name("ID");
  command.add_option("--config", options.config,
                     "The phone's configuration file (Polycom/Spectralink XML .cfg or Yealink .cfg): its server "
                     "setting and profile for the model checks")
    ->type_name("FILE");
}

std::optional<wire::ModelExpectation> model_expectation(const ModelOptions& options)
{
  if (options.profile.empty() && options.config.empty()) return std::nullopt;
  wire::ModelExpectation expectation;
  std::string profile_id = options.profile;
  if (!options.config.empty()) {
    const auto config = config::read_phone_config(options.config);
    auto server = config::configured_server(config, 1, 1);
    expectation.setting = server.setting;
    if (profile_id.empty()) profile_id = server.profile;
  }
  expectation.profile = &choose_profile(profile_id);
  // The profile ids are the model ids (design §3, §5).
  expectation.model = replay::parse_model(expectation.profile->id).value_or(replay::Model::rfc3263);
  expectation.parameters = replay::default_parameters(expectation.model);
  replay::finalize_parameters(expectation.model, expectation.parameters);
  return expectation;
}

std::string model_name(const wire::ModelExpectation& expectation)
{
  return expectation.profile ? std::string(expectation.profile->id) : std::string(replay::model_id(expectation.model));
}

void check_story(wire::CaptureStory& story, const wire::ModelExpectation& expectation)
{
  for (wire::PhoneStory& phone : story.phones) {
    // A model with a documented retry count (the 84's retryMaxCount) leaves a
    // server before Timer F by design: its model_retry_count judges the count,
    // so RFC 3261's Timer F warning would contradict the documented rule.
    if (has_retry_rule(expectation))
      std::erase_if(phone.findings, [](const wire::StoryFinding& finding) {
        return finding.code == util::FindingCode::server_abandoned_early;
      });
    auto deviations = wire::check_against_model(phone, expectation);
    phone.findings.insert(phone.findings.end(), std::make_move_iterator(deviations.begin()),
                          std::make_move_iterator(deviations.end()));
    std::stable_sort(phone.findings.begin(), phone.findings.end(),
                     [](const auto& x, const auto& y) { return first_evidence(x) < first_evidence(y); });
  }
}

} // namespace sipfo::cli
