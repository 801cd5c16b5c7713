#include "gzip_source.hpp"

#include "sipfo/util/input_error.hpp"
#include "sipfo/util/printable.hpp"

#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <optional>

namespace sipfo::applog {

namespace {
constexpr std::size_t input_chunk = 64 * 1024; // compressed bytes per read()
constexpr int gzip_window = 15 + 16; // RFC 1952 wrapper only
} // namespace

// One zlib stream over the file, read in input_chunk pieces.
class GzipSource::Inflater {
public:
  Inflater(std::unique_ptr<FileDescriptor> file, const std::string& prefix, std::atomic<std::uint64_t>* consumed)
    : file_(std::move(file)), consumed_(consumed), input_(input_chunk)
  {
    if (inflateInit2(&z_, gzip_window) != Z_OK) {
      throw util::InputError(util::printable(file_->path()), "cannot start gzip decompression", "out of memory?");
    }
    std::memcpy(input_.data(), prefix.data(), std::min(prefix.size(), input_.size()));
    z_.next_in = reinterpret_cast<Bytef*>(input_.data());
    z_.avail_in = static_cast<uInt>(std::min(prefix.size(), input_.size()));
  }
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;
  ~Inflater() { inflateEnd(&z_); }

  // Up to `size` inflated bytes; 0 at the end of the stream. Throws util::InputError
  // for corrupt data, and for a cut stream once what came before the cut is out.
  std::size_t read(char* buffer, std::size_t size)
  {
    if (pending_) {
      // What was inflated before the fault was handed out; now say why it ends.
      const util::InputError error = *pending_;
      pending_.reset();
      throw error;
    }
    z_.next_out = reinterpret_cast<Bytef*>(buffer);
    z_.avail_out = static_cast<uInt>(size);
    while (z_.avail_out == size && !finished_) {
      if (z_.avail_in == 0 && !refill()) {
        // The input ended inside a member (RFC 1952 2.2: a member ends with its
        // CRC32 and ISIZE): a cut upload. Hand out what was inflated, then report it.
        fail(util::InputError(util::printable(file_->path()), "gzip stream ends early (truncated file?)",
                              "upload the log again, or pass what was read with 'zcat FILE | sipfo parse-log -'"));
        break;
      }
      const int status = inflate(&z_, Z_NO_FLUSH);
      if (status == Z_STREAM_END) {
        // Another member may follow (concatenated gzip files).
        if (z_.avail_in == 0 && !refill()) {
          finished_ = true;
        } else {
          inflateReset(&z_);
        }
      } else if (status != Z_OK && status != Z_BUF_ERROR) {
        fail(util::InputError(util::printable(file_->path()), "gzip data is corrupt",
                              "upload the log again or pass it uncompressed"));
        break;
      }
    }
    if (z_.avail_out == size && pending_) return read(buffer, size); // nothing before the fault: throw now
    return size - z_.avail_out;
  }

private:
  // Ends the stream with `error`, thrown by the read after the bytes already inflated.
  void fail(util::InputError error)
  {
    finished_ = true;
    pending_ = std::move(error);
  }

  bool refill()
  {
    if (input_done_) return false;
    const std::size_t got = file_->read(input_.data(), input_.size(), consumed_);
    if (got == 0) {
      input_done_ = true;
      return false;
    }
    z_.next_in = reinterpret_cast<Bytef*>(input_.data());
    z_.avail_in = static_cast<uInt>(got);
    return true;
  }

  std::unique_ptr<FileDescriptor> file_;
  std::atomic<std::uint64_t>* consumed_;
  std::vector<char> input_;
  z_stream z_{};
  bool input_done_ = false;
  bool finished_ = false;
  std::optional<util::InputError> pending_; // a cut or corrupt stream: thrown by the next read
};

GzipSource::GzipSource(std::unique_ptr<FileDescriptor> file, std::string prefix, std::atomic<std::uint64_t>* consumed)
  : inflater_(std::make_unique<Inflater>(std::move(file), prefix, consumed)), queue_(chunk_count, chunk_size),
    thread_([this] { produce(); })
{
}

GzipSource::~GzipSource()
{
  queue_.cancel();
  thread_.join();
}

// The inflating thread: fills free chunks until the stream ends, fails, or the
// reader goes away. A short read is passed on as it is (a pipe delivers what it has).
void GzipSource::produce() noexcept
{
  try {
    for (;;) {
      ChunkQueue::Chunk* chunk = queue_.free_chunk();
      if (chunk == nullptr) return; // cancelled
      chunk->size = inflater_->read(chunk->bytes.data(), chunk->bytes.size());
      if (chunk->size == 0) {
        queue_.recycle(chunk);
        break;
      }
      queue_.push(chunk);
    }
    queue_.finish();
  } catch (...) {
    queue_.finish(std::current_exception());
  }
}

std::size_t GzipSource::read(char* buffer, std::size_t size)
{
  while (current_ == nullptr || handed_ == current_->size) {
    if (current_ != nullptr) {
      queue_.recycle(current_);
      current_ = nullptr;
    }
    if (ended_) return 0;
    handed_ = 0;
    current_ = queue_.full_chunk(); // rethrows the inflater's error after its chunks
    if (current_ == nullptr) {
      ended_ = true;
      return 0;
    }
  }
  const std::size_t n = std::min(size, current_->size - handed_);
  std::memcpy(buffer, current_->bytes.data() + handed_, n);
  handed_ += n;
  return n;
}

} // namespace sipfo::applog
