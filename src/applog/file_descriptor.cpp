#include "file_descriptor.hpp"

#include "sipfo/util/input_error.hpp"
#include "sipfo/util/printable.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <thread>
#include <unistd.h>

namespace sipfo::applog {

namespace {

[[noreturn]] void read_failed(const std::string& path)
{
  throw util::InputError(util::printable(path), std::string("cannot read: ") + std::strerror(errno),
                         "check the file and its permissions");
}

void make_blocking(int fd) noexcept
{
  const int flags = ::fcntl(fd, F_GETFL);
  if (flags >= 0) ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
}

} // namespace

FileDescriptor::~FileDescriptor()
{
  if (fd_ > 0) ::close(fd_);
}

// POSIX read() on an O_NONBLOCK FIFO gives data (> 0), EAGAIN while a writer
// holds it open with nothing written yet, and 0 while nobody has it open for
// writing. Polls for a writer for at most `patience_`, so a FIFO that nothing
// writes is a clear error rather than a hang; once one is there, the
// descriptor blocks as a pipe on standard input does (a quiet writer is waited
// for, as `cat` would).
std::size_t FileDescriptor::read_first_from_fifo(char* buffer, std::size_t size)
{
  constexpr auto poll_interval = std::chrono::milliseconds(20);
  const auto deadline = std::chrono::steady_clock::now() + patience_;
  for (;;) {
    const ssize_t got = ::read(fd_, buffer, size);
    if (got > 0) {
      awaiting_writer_ = false;
      make_blocking(fd_);
      return static_cast<std::size_t>(got);
    }
    if (got < 0 && errno == EAGAIN) {
      awaiting_writer_ = false;
      make_blocking(fd_);
      return 0; // the caller reads again, now blocking
    }
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) read_failed(path_);
    if (std::chrono::steady_clock::now() >= deadline) {
      throw util::InputError(util::printable(path_),
                             fmt::format("FIFO has no writer: nothing opened it for writing within {} ms",
                                         patience_.count()),
                             "start the program that writes it first, or pipe the log into 'sipfo parse-log -'");
    }
    std::this_thread::sleep_for(poll_interval);
  }
}

std::size_t FileDescriptor::read(char* buffer, std::size_t size, std::atomic<std::uint64_t>* consumed)
{
  if (awaiting_writer_) {
    const std::size_t got = read_first_from_fifo(buffer, size);
    if (got > 0) {
      if (consumed != nullptr) consumed->fetch_add(got, std::memory_order_relaxed);
      return got;
    }
  }
  for (;;) {
    const ssize_t got = ::read(fd_, buffer, size);
    if (got >= 0) {
      if (consumed != nullptr) consumed->fetch_add(static_cast<std::uint64_t>(got), std::memory_order_relaxed);
      return static_cast<std::size_t>(got);
    }
    if (errno == EINTR) continue;
    read_failed(path_);
  }
}

} // namespace sipfo::applog
