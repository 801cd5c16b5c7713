#pragma once
// What every subcommand shares: the global options and the exit status it sets.
// Each subcommand lives in its own file with an options struct, an add_*_command
// that binds its options to CLI11, and a run function (CLI11's subcom_in_files).

#include "sipfo/render/terminal.hpp"
#include "sipfo/util/exit_status.hpp"

#include <CLI/CLI.hpp>

namespace sipfo::cli {

struct Context {
  render::ColorMode color = render::ColorMode::automatic;
  util::ExitStatus exit_status = util::ExitStatus::ok;
};

// Builds the whole command tree; used by main and by the test that checks the man
// pages and completions against it.
void build_app(CLI::App& app, Context& context);

void add_resolve_command(CLI::App& app, Context& context);
void add_probe_command(CLI::App& app, Context& context);
void add_parse_log_command(CLI::App& app, Context& context);
void add_parse_pcap_command(CLI::App& app, Context& context);
void add_replay_command(CLI::App& app, Context& context);
void add_sources_command(CLI::App& app, Context& context);
void add_findings_command(CLI::App& app, Context& context);

} // namespace sipfo::cli
