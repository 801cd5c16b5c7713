#pragma once
// The output options every command shares, declared and decided in one place
// (issue 14): --json, --json-lines, --format, and the colour and width the text
// form uses. A command says which forms it offers; the rest (which flags
// exclude which, the errors, --color, the terminal width) is the same everywhere.

#include "command.hpp"

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace sipfo::cli {

enum class OutputForm { text, json, json_lines, format }; // format: a --format other than text

// What a command offers besides text and --json.
struct OutputOffer {
  bool json_lines = false;            // --json-lines
  std::vector<std::string> formats;   // --format values besides "text" ("nagios", ...); none: no --format
  std::string json_help;              // --json's help line ("" = the usual one)
  std::string json_lines_help;        // --json-lines' help line
};

struct OutputOptions {
  bool json = false;
  bool json_lines = false;
  std::string format = "text";
  OutputOffer offer;

  // Which form the flags ask for; throws util::InputError for an unknown
  // --format or for two forms at once.
  OutputForm form() const;
  bool is_format(std::string_view name) const { return format == name; }
};

// Declares --json (and --json-lines, --format as `offer` says) on `command`.
void add_output_options(CLI::App& command, OutputOptions& options, OutputOffer offer);

// Whether text written to `fd` is coloured: --color (sipfo's global option) and
// NO_COLOR as render::should_color reads them.
bool color_output(const Context& context, int fd);

// The columns text output may use when `fd` is a terminal: $COLUMNS, else the
// terminal's width, never less than 80; 0 (no limit) for pipes and files, so
// scripts get whole rows.
int output_width(int fd);

} // namespace sipfo::cli
