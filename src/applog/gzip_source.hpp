#pragma once
// A ByteSource that inflates a gzip stream (RFC 1952), concatenated members included
// (what `cat a.gz b.gz` and appended uploads give). The only file that sees zlib.
//
// Inflating costs about as much as parsing, so it runs on a thread of its own: the
// inflater fills a few fixed chunks ahead of the parser (a bounded queue, so memory
// does not grow with the file) while the parser reads the chunks before them, as
// `gzip -d | grep` runs the two halves on two cores.

#include "sipfo/applog/byte_source.hpp"

#include "chunk_queue.hpp"
#include "file_descriptor.hpp"

#include <memory>
#include <string>
#include <thread>

namespace sipfo::applog {

class GzipSource final : public ByteSource {
public:
  static constexpr std::size_t chunk_count = 4;          // inflated chunks in flight at most
  static constexpr std::size_t chunk_size = 128 * 1024;  // bytes per chunk

  // `prefix` = bytes already read from `file` (the magic bytes used for detection).
  // Starts inflating at once.
  GzipSource(std::unique_ptr<FileDescriptor> file, std::string prefix, std::atomic<std::uint64_t>* consumed);
  // Stops the inflater (it finishes the chunk it is on) and waits for it.
  ~GzipSource() override;
  std::size_t read(char* buffer, std::size_t size) override;
  bool compressed() const noexcept override { return true; }

  // The zlib side: the bytes of the stream, inflated into the caller's buffer.
  class Inflater;

private:
  void produce() noexcept;

  std::unique_ptr<Inflater> inflater_; // used by the inflating thread only
  ChunkQueue queue_;
  ChunkQueue::Chunk* current_ = nullptr; // the chunk read() is handing out
  std::size_t handed_ = 0;               // bytes of current_ handed out
  bool ended_ = false;                   // the queue said the stream is over
  std::thread thread_;                   // last: started when everything above exists
};

} // namespace sipfo::applog
