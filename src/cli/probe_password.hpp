#pragma once
// Where the REGISTER password comes from (design §4): --password-file FILE,
// the SIPFO_PASSWORD environment variable, or --password on the command line,
// which works but warns, since argv is visible to other users (ps, /proc).
// The password itself never appears in any message this file makes.

#include <cstdio>
#include <optional>
#include <string>

namespace sipfo::cli {

struct PasswordSources {
  std::string file;                    // --password-file; empty: not given
  std::optional<std::string> argument; // --password
  const char* environment = nullptr;   // getenv("SIPFO_PASSWORD"); may be null
};

// The password to answer digest challenges with; nullopt when none was given.
// --password-file wins over --password, which wins over SIPFO_PASSWORD; the
// file's first line is the password (a trailing CR is dropped). Writes the
// argv warning to `warnings`. Throws util::InputError "FILE: ..." for an
// unreadable or empty file, and when both the file and --password are given.
// A password file that others may read (mode & 077) is used, with a warning
// like ssh's and curl's .netrc.
std::optional<std::string> choose_password(const PasswordSources& sources, std::FILE* warnings);

// Overwrites the value of each --password in argv with '*' in place, so that
// /proc/PID/cmdline and ps no longer show it for the rest of the run. Call it
// once argv has been copied for parsing.
void hide_password_arguments(int argc, char** argv) noexcept;

} // namespace sipfo::cli
