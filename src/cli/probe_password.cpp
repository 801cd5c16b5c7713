#include "probe_password.hpp"

#include "sipfo/util/input_error.hpp"

#include <fmt/format.h>

#include <fstream>

namespace sipfo::cli {

namespace {

// Longer than any sane password; keeps a wrong file (a log, /dev/zero) bounded.
constexpr std::size_t max_password_length = 1024;

std::string read_password_file(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  if (!in) throw util::InputError(path, "cannot read the password file", "check the path and its permissions");
  std::string line;
  char c = 0;
  while (line.size() <= max_password_length && in.get(c) && c != '\n') line += c;
  if (line.size() > max_password_length) {
    throw util::InputError(path, fmt::format("the first line is longer than {} bytes", max_password_length),
                           "put the password alone on the first line");
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.empty()) throw util::InputError(path, "the password file's first line is empty", "put the password on it");
  return line;
}

} // namespace

std::optional<std::string> choose_password(const PasswordSources& sources, std::FILE* warnings)
{
  if (!sources.file.empty() && sources.argument) {
    throw util::InputError("", "--password-file and --password were both given", "use --password-file only");
  }
  if (!sources.file.empty()) return read_password_file(sources.file);
  if (sources.argument) {
    fmt::print(warnings, "sipfo: warning: --password is visible to other users of this machine (ps, /proc); "
                         "use --password-file FILE or SIPFO_PASSWORD\n");
    return sources.argument;
  }
  if (sources.environment != nullptr && *sources.environment != '\0') return std::string(sources.environment);
  return std::nullopt;
}

} // namespace sipfo::cli
