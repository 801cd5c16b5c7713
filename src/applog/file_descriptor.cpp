#include "file_descriptor.hpp"

#include "sipfo/util/input_error.hpp"

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace sipfo::applog {

FileDescriptor::~FileDescriptor()
{
  if (fd_ > 0) ::close(fd_);
}

std::size_t FileDescriptor::read(char* buffer, std::size_t size, std::atomic<std::uint64_t>* consumed)
{
  for (;;) {
    const ssize_t got = ::read(fd_, buffer, size);
    if (got >= 0) {
      if (consumed != nullptr) consumed->fetch_add(static_cast<std::uint64_t>(got), std::memory_order_relaxed);
      return static_cast<std::size_t>(got);
    }
    if (errno == EINTR) continue;
    throw util::InputError(path_, std::string("cannot read: ") + std::strerror(errno),
                           "check the file and its permissions");
  }
}

} // namespace sipfo::applog
