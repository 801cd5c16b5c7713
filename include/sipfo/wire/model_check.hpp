#pragma once
// parse-pcap --profile: what the phone did on the wire against what sipfo's
// handset profile (resolve) and replay model predict from the DNS answers seen
// in the same capture. Each deviation is a StoryFinding with the observed value,
// the expected value and the rule's own source (a model parameter's documented
// source, a profile's document section, an RFC).
#include "sipfo/handset/profile.hpp"
#include "sipfo/handset/server_setting.hpp"
#include "sipfo/replay/parameters.hpp"
#include "sipfo/wire/capture_story.hpp"

#include <optional>
#include <vector>

namespace sipfo::wire {

struct ModelExpectation {
  const handset::Profile* profile = nullptr; // --profile
  replay::Model model = replay::Model::rfc3263;
  // The model's knobs: the documented defaults, or what --config set.
  replay::ModelParameters parameters;
  // The phone's server setting (--config or the resolve options); nullopt = the
  // name of the phone's first DNS question that leads to its first REGISTER.
  std::optional<handset::ServerSetting> setting;
};

// The deviations of one phone, in order of first evidence. Checks whose evidence
// the capture lacks (no DNS seen, no renewal) are skipped, not guessed.
std::vector<StoryFinding> check_against_model(const PhoneStory& phone, const ModelExpectation& expectation);

} // namespace sipfo::wire
