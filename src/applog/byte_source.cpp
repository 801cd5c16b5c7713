#include "sipfo/applog/byte_source.hpp"

#include "file_descriptor.hpp"
#include "gzip_source.hpp"

#include "sipfo/util/input_error.hpp"
#include "sipfo/util/printable.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sipfo::applog {

namespace {

class PlainSource final : public ByteSource {
public:
  PlainSource(std::unique_ptr<FileDescriptor> file, std::string prefix, std::atomic<std::uint64_t>* consumed)
    : file_(std::move(file)), prefix_(std::move(prefix)), consumed_(consumed)
  {
  }

  std::size_t read(char* buffer, std::size_t size) override
  {
    if (prefix_used_ < prefix_.size()) {
      const std::size_t n = std::min(size, prefix_.size() - prefix_used_);
      std::memcpy(buffer, prefix_.data() + prefix_used_, n);
      prefix_used_ += n;
      return n;
    }
    return file_->read(buffer, size, consumed_);
  }
  bool compressed() const noexcept override { return false; }

private:
  std::unique_ptr<FileDescriptor> file_;
  std::string prefix_;
  std::size_t prefix_used_ = 0;
  std::atomic<std::uint64_t>* consumed_;
};

class MemorySource final : public ByteSource {
public:
  explicit MemorySource(std::string bytes) : bytes_(std::move(bytes)) {}
  std::size_t read(char* buffer, std::size_t size) override
  {
    const std::size_t n = std::min(size, bytes_.size() - used_);
    std::memcpy(buffer, bytes_.data() + used_, n);
    used_ += n;
    return n;
  }
  bool compressed() const noexcept override { return false; }

private:
  std::string bytes_;
  std::size_t used_ = 0;
};

// /dev/null is the one character device that is a (empty) log; a terminal is
// someone typing into standard input. Any other device never ends (/dev/zero,
// /dev/urandom) or is not a log at all.
bool readable_device(int fd, const struct stat& info)
{
  if (::isatty(fd) != 0) return true;
  struct stat null_device {};
  return ::stat("/dev/null", &null_device) == 0 && S_ISCHR(null_device.st_mode) && info.st_rdev == null_device.st_rdev;
}

// Refuses what can never be a finished log; see sipfo-parse-log(1), LIMITS.
void check_file_type(int fd, const std::string& path, FileDescriptor& file)
{
  struct stat info {};
  if (::fstat(fd, &info) != 0) return; // the first read() reports the error
  const std::string shown = util::printable(path);
  if (S_ISDIR(info.st_mode)) {
    throw util::InputError(shown, "is a directory", "pass the directory itself so its *app.log files are read");
  }
  if (S_ISCHR(info.st_mode) && !readable_device(fd, info)) {
    throw util::InputError(shown, "is a character device, not a log file (a device like /dev/zero never ends)",
                           "pass the phone's <MAC>-app.log");
  }
  if (S_ISBLK(info.st_mode)) {
    throw util::InputError(shown, "is a block device, not a log file", "pass the phone's <MAC>-app.log");
  }
  if (path == "-") return; // standard input's flags belong to the shell
  if (S_ISFIFO(info.st_mode)) {
    file.expect_writer(fifo_writer_patience);
    return;
  }
  const int flags = ::fcntl(fd, F_GETFL);
  if (flags >= 0) ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK); // a terminal named by path
}

std::unique_ptr<FileDescriptor> open_descriptor(const std::string& path)
{
  if (path == "-") {
    auto input = std::make_unique<FileDescriptor>(0, "-");
    check_file_type(0, path, *input);
    return input;
  }
  // O_NONBLOCK: opening a FIFO for reading would otherwise block until a writer
  // opens it, before sipfo could say anything; regular files ignore the flag.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    throw util::InputError(util::printable(path), std::string("cannot open: ") + std::strerror(errno),
                           "check the path and its permissions");
  }
  auto file = std::make_unique<FileDescriptor>(fd, path);
  check_file_type(fd, path, *file);
  return file;
}

} // namespace

std::unique_ptr<ByteSource> open_byte_source(const std::string& path, std::atomic<std::uint64_t>* consumed)
{
  auto file = open_descriptor(path);
  // Two bytes decide: 1f 8b is gzip (RFC 1952 2.3.1).
  std::string magic(2, '\0');
  std::size_t have = 0;
  while (have < magic.size()) {
    const std::size_t got = file->read(magic.data() + have, magic.size() - have, consumed);
    if (got == 0) break;
    have += got;
  }
  magic.resize(have);
  if (magic.size() == 2 && static_cast<unsigned char>(magic[0]) == 0x1f && static_cast<unsigned char>(magic[1]) == 0x8b) {
    return std::make_unique<GzipSource>(std::move(file), std::move(magic), consumed);
  }
  return std::make_unique<PlainSource>(std::move(file), std::move(magic), consumed);
}

std::unique_ptr<ByteSource> memory_byte_source(std::string bytes)
{
  return std::make_unique<MemorySource>(std::move(bytes));
}

} // namespace sipfo::applog
