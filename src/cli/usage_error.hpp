#pragma once
// How sipfo reports a command line or an input it cannot use: one line on
// stderr, as admins' tools do ("sipfo: unknown option --zon (did you mean
// --zone?); see 'sipfo resolve --help'"), and under --json/--json-lines also a
// JSON document on stdout, so a script that parses stdout sees the error.

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

namespace sipfo::cli {

// What the command line asks for, read before CLI11 parses it (so an error
// can still be reported the way the user asked).
struct Invocation {
  std::string command; // the subcommand, "" when none was named
  bool json = false;   // --json or --json-lines was given
};

Invocation scan_invocation(const CLI::App& app, const std::vector<std::string>& args);

// "unknown option --zon (did you mean --zone?)" for the first option in `args`
// that neither the command nor sipfo itself has; nullopt when all are known.
std::optional<std::string> unknown_option(const CLI::App& app, const Invocation& invocation,
                                          const std::vector<std::string>& args);

// "see 'sipfo resolve --help'" (or 'sipfo --help' without a command).
std::string help_pointer(const Invocation& invocation);

// {"schema_version":1,"command":...,"exit_status":3,"error":{"message":...,"file":...,"line":...}}
// `where` is an InputError's "FILE:LINE", "FILE" or "".
std::string json_error(const Invocation& invocation, const std::string& message, const std::string& where);

} // namespace sipfo::cli
