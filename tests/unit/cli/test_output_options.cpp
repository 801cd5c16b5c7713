// One output-options helper for every command (issue 14): the same flags, the
// same conflicts, the same errors; and the usage-error pieces main.cpp uses.

#include "cli/output_options.hpp"
#include "cli/usage_error.hpp"

#include "sipfo/util/input_error.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

using namespace sipfo::cli;

namespace {

std::string form_error(const OutputOptions& options)
{
  try {
    (void)options.form();
  } catch (const sipfo::util::InputError& error) {
    return error.what();
  }
  return "";
}

} // namespace

TEST_CASE("cli output options: every command declares its output flags through the helper")
{
  Context context;
  CLI::App app;
  build_app(app, context);
  for (const char* name : {"resolve", "probe", "parse-log", "replay"}) {
    const auto* command = app.get_subcommand(name);
    CHECK_MESSAGE(command->get_option_no_throw("--json") != nullptr, name);
  }
  CHECK(app.get_subcommand("probe")->get_option_no_throw("--format") != nullptr);
  CHECK(app.get_subcommand("replay")->get_option_no_throw("--json-lines") != nullptr);
}

TEST_CASE("cli output options: the form the flags ask for, and their conflicts")
{
  OutputOptions options;
  options.offer = {.json_lines = true, .formats = {"nagios"}, .json_help = "", .json_lines_help = ""};
  CHECK(options.form() == OutputForm::text);
  options.json = true;
  CHECK(options.form() == OutputForm::json);
  options.format = "nagios";
  CHECK(form_error(options) == "--json, --json-lines and --format=nagios exclude each other (pick one)");
  options.json = false;
  CHECK(options.form() == OutputForm::format);
  options.format = "xml";
  CHECK(form_error(options) == "unknown --format 'xml' (use text or nagios)");
}

TEST_CASE("cli usage errors: the unknown option, the likely one, and where help is")
{
  Context context;
  CLI::App app;
  build_app(app, context);
  const std::vector<std::string> args{"sipfo", "resolve", "eslab.local", "--zon", "Z"};
  const auto invocation = scan_invocation(app, args);
  CHECK(invocation.command == "resolve");
  CHECK_FALSE(invocation.json);
  CHECK(unknown_option(app, invocation, args) == "unknown option --zon (did you mean --zone?)");
  CHECK(help_pointer(invocation) == "see 'sipfo resolve --help'");
  // --color is sipfo's own, known after a subcommand too; an option's value is no option.
  const std::vector<std::string> fine{"sipfo", "probe", "--color", "never", "--user", "-x", "--json"};
  const auto probe = scan_invocation(app, fine);
  CHECK(probe.json);
  CHECK_FALSE(unknown_option(app, probe, fine).has_value());
}

TEST_CASE("cli usage errors: the JSON error document")
{
  const auto document = nlohmann::json::parse(json_error({"replay", true}, "no servers", "s.toml:4"));
  CHECK(document["schema_version"] == 1);
  CHECK(document["command"] == "replay");
  CHECK(document["exit_status"] == 3);
  CHECK(document["error"]["message"] == "no servers");
  CHECK(document["error"]["file"] == "s.toml");
  CHECK(document["error"]["line"] == 4);
  const auto plain = nlohmann::json::parse(json_error({"", true}, "bad", ""));
  CHECK(plain["command"].is_null());
  CHECK(plain["error"]["file"].is_null());
  CHECK(plain["error"]["line"].is_null());
}
