#pragma once
// An owned POSIX file descriptor and a read that retries on EINTR.

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace sipfo::applog {

class FileDescriptor {
public:
  // Takes ownership of `fd` unless it is standard input (0).
  FileDescriptor(int fd, std::string path) noexcept : fd_(fd), path_(std::move(path)) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor();

  // Up to `size` bytes, 0 at the end; throws util::InputError on an I/O error.
  std::size_t read(char* buffer, std::size_t size, std::atomic<std::uint64_t>* consumed);

  // For a FIFO opened with O_NONBLOCK: the first read() waits at most `patience`
  // for a writer to open the other end (throws util::InputError past it), then
  // the descriptor is made blocking and read like a pipe on standard input.
  void expect_writer(std::chrono::milliseconds patience) noexcept
  {
    awaiting_writer_ = true;
    patience_ = patience;
  }
  const std::string& path() const noexcept { return path_; }

private:
  std::size_t read_first_from_fifo(char* buffer, std::size_t size);

  int fd_;
  bool awaiting_writer_ = false;
  std::chrono::milliseconds patience_{0};
  std::string path_;
};

} // namespace sipfo::applog
