#include "probe_password.hpp"

#include "sipfo/util/input_error.hpp"

#include <fmt/format.h>

#include <cstring>
#include <fstream>
#include <string_view>
#include <sys/stat.h>

namespace sipfo::cli {

namespace {

// Longer than any sane password; keeps a wrong file (a log, /dev/zero) bounded.
constexpr std::size_t max_password_length = 1024;

// Others can read the file: say so, as ssh does for a key and curl for .netrc.
void warn_if_readable_by_others(const std::string& path, std::FILE* warnings)
{
  struct stat info{};
  if (::stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode) || (info.st_mode & 077) == 0) return;
  fmt::print(warnings, "sipfo: warning: password file {} is readable by others (chmod 600 {})\n", path, path);
}

std::string read_password_file(const std::string& path, std::FILE* warnings)
{
  std::ifstream in(path, std::ios::binary);
  if (!in) throw util::InputError(path, "cannot read the password file", "check the path and its permissions");
  warn_if_readable_by_others(path, warnings);
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
  if (!sources.file.empty()) return read_password_file(sources.file, warnings);
  if (sources.argument) {
    fmt::print(warnings, "sipfo: warning: --password is visible to other users of this machine (ps, /proc); "
                         "use --password-file FILE or SIPFO_PASSWORD\n");
    return sources.argument;
  }
  if (sources.environment != nullptr && *sources.environment != '\0') return std::string(sources.environment);
  return std::nullopt;
}

void hide_password_arguments(int argc, char** argv) noexcept
{
  constexpr std::string_view flag = "--password";
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") return; // what follows is not an option
    char* value = nullptr;
    if (arg == flag && i + 1 < argc) value = argv[++i];
    else if (arg.starts_with("--password=")) value = argv[i] + flag.size() + 1;
    if (value != nullptr) std::memset(value, '*', std::strlen(value));
  }
}

} // namespace sipfo::cli
