#pragma once
// Where a log's bytes come from: a file, standard input, either of them gzip
// compressed (detected by its magic bytes, so "x-app.log.gz" and a gzip piped into
// "-" both work). Reads in chunks; never holds a whole file.

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace sipfo::applog {

class ByteSource {
public:
  virtual ~ByteSource() = default;
  // Fills up to `size` bytes of `buffer`; 0 at the end. Throws util::InputError when the
  // input cannot be read (I/O error, corrupt gzip stream).
  virtual std::size_t read(char* buffer, std::size_t size) = 0;
  // Whether the bytes are inflated from gzip.
  virtual bool compressed() const noexcept = 0;
};

// How long reading a FIFO named on the command line waits for a writer to open
// it before it is an error (a pipe on standard input is read as it comes).
inline constexpr std::chrono::milliseconds fifo_writer_patience{2000};

// Opens `path` ("-" = standard input). Refuses directories and devices other
// than a terminal and /dev/null (InputError); a FIFO is read like a pipe once a
// writer has it open, see fifo_writer_patience. `consumed`, when given, is advanced by every
// raw byte read (compressed size for gzip), for a progress indicator.
// Throws util::InputError when the file cannot be opened.
std::unique_ptr<ByteSource> open_byte_source(const std::string& path, std::atomic<std::uint64_t>* consumed = nullptr);

// A source over bytes in memory (tests, fuzzing).
std::unique_ptr<ByteSource> memory_byte_source(std::string bytes);

} // namespace sipfo::applog
