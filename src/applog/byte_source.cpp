#include "sipfo/applog/byte_source.hpp"

#include "file_descriptor.hpp"
#include "gzip_source.hpp"

#include "sipfo/util/input_error.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>

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

std::unique_ptr<FileDescriptor> open_descriptor(const std::string& path)
{
  if (path == "-") return std::make_unique<FileDescriptor>(0, "-");
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    throw util::InputError(path, std::string("cannot open: ") + std::strerror(errno),
                           "check the path and its permissions");
  }
  auto file = std::make_unique<FileDescriptor>(fd, path);
  struct stat info {};
  if (::fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) {
    throw util::InputError(path, "is a directory", "pass the directory itself so its *app.log files are read");
  }
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
