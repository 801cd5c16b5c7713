#include "textfile.hpp"

#include "sipfo/util/input_error.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unistd.h>
#include <sys/stat.h>

namespace sipfo::cli {

namespace {

[[noreturn]] void fail(const std::string& path, const char* doing, int error)
{
  throw util::InputError(path, std::string("cannot ") + doing + " the metrics file: " + std::strerror(error),
                         "give --textfile a path in a directory sipfo may write (node_exporter's --collector.textfile.directory)");
}

bool write_all(int fd, std::string_view text)
{
  while (!text.empty()) {
    const auto n = ::write(fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    text.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

} // namespace

void write_textfile(const std::string& path, std::string_view text)
{
  std::string temporary = path + ".XXXXXX";
  const int fd = ::mkstemp(temporary.data());
  if (fd < 0) fail(path, "create", errno);
  // mkstemp makes it 0600; the collector may run as another user.
  const bool written = ::fchmod(fd, 0644) == 0 && write_all(fd, text) && ::fsync(fd) == 0;
  const int write_error = errno;
  if (::close(fd) != 0 || !written) {
    ::unlink(temporary.c_str());
    fail(path, "write", written ? errno : write_error);
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    const int error = errno;
    ::unlink(temporary.c_str());
    fail(path, "replace", error);
  }
}

} // namespace sipfo::cli
