#pragma once
// An owned POSIX file descriptor and a read that retries on EINTR.

#include <atomic>
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
  const std::string& path() const noexcept { return path_; }

private:
  int fd_;
  std::string path_;
};

} // namespace sipfo::applog
