#pragma once
// parse-pcap's --profile and --config: which handset model the capture is
// checked against, with the model's documented parameters (replay's defaults)
// and the phone's server setting from its configuration file.

#include "sipfo/wire/capture_story.hpp"
#include "sipfo/wire/model_check.hpp"

#include <CLI/CLI.hpp>

#include <optional>
#include <string>

namespace sipfo::cli {

struct ModelOptions {
  std::string profile; // --profile ID; empty: the one --config implies, or no check
  std::string config;  // --config FILE
};

void add_model_options(CLI::App& command, ModelOptions& options);

// Nullopt when neither --profile nor --config was given (only the checks that
// need no model run). Throws util::InputError for an unknown profile (with
// "did you mean") or an unreadable configuration file.
std::optional<wire::ModelExpectation> model_expectation(const ModelOptions& options);

// The profile's id: the JSON `profile`.
std::string model_name(const wire::ModelExpectation& expectation);

// Adds each phone's deviations from the model to its findings, keeping them in
// order of first evidence. A model with a retry rule replaces RFC 3261's
// server_abandoned_early with its own judgement of the send count.
void check_story(wire::CaptureStory& story, const wire::ModelExpectation& expectation);

} // namespace sipfo::cli
