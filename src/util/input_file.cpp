#include "sipfo/util/input_file.hpp"

#include "sipfo/util/input_error.hpp"

#include <fmt/format.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sipfo::util {

namespace {

// Closes the descriptor it owns (never standard input).
struct Descriptor {
  int fd;
  bool owned;
  ~Descriptor()
  {
    if (owned && fd >= 0) ::close(fd);
  }
};

void check_kind(const std::string& path, int fd, std::string_view what)
{
  struct stat info {};
  if (::fstat(fd, &info) != 0) {
    throw InputError(input_name(path), fmt::format("cannot read the {}: {}", what, std::strerror(errno)));
  }
  if (S_ISDIR(info.st_mode)) {
    throw InputError(input_name(path), fmt::format("is a directory, not a {}", what), "give the file itself");
  }
  if (S_ISCHR(info.st_mode) || S_ISBLK(info.st_mode)) {
    throw InputError(input_name(path), fmt::format("is a device, not a {}", what),
                     "give a file, a pipe or - for standard input");
  }
}

} // namespace

std::string input_name(const std::string& path) { return path == "-" ? "standard input" : path; }

std::string read_input_file(const std::string& path, std::string_view what, std::size_t max_bytes)
{
  Descriptor in{path == "-" ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC), path != "-"};
  if (in.fd < 0) {
    throw InputError(input_name(path), fmt::format("cannot read the {}: {}", what, std::strerror(errno)),
                     "check the path and its permissions");
  }
  check_kind(path, in.fd, what);
  std::string text;
  std::array<char, 65536> chunk{};
  for (;;) {
    const auto got = ::read(in.fd, chunk.data(), chunk.size());
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) throw InputError(input_name(path), fmt::format("cannot read the {}: {}", what, std::strerror(errno)));
    if (got == 0) break;
    text.append(chunk.data(), static_cast<std::size_t>(got));
    if (text.size() > max_bytes) {
      throw InputError(input_name(path),
                       fmt::format("the {} is larger than {} MiB, more than sipfo reads", what, max_bytes >> 20),
                       "check that this is the file you meant");
    }
  }
  return text;
}

} // namespace sipfo::util
