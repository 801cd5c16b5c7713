// A .gz log is inflated on a thread of its own, a few chunks ahead of the parser:
// the bytes come out whole and in order across members and chunks, a fault comes
// after the bytes before it, and a reader that stops early does not hang.

#include "sipfo/applog/byte_source.hpp"
#include "sipfo/applog/log_parser.hpp"
#include "sipfo/util/input_error.hpp"

#include "applog/gzip_source.hpp"

#include "scratch_dir.hpp"

#include <doctest/doctest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <unistd.h>

using namespace sipfo::applog;
using sipfo::util::InputError;

namespace {

using applog_test::ScratchDir;

// One gzip member (RFC 1952) holding `text`, made with zlib, independent of the reader.
std::string gzip_member(const std::string& text)
{
  z_stream z{};
  REQUIRE(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&z, static_cast<uLong>(text.size())) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

// Numbered log-shaped lines, `count` of them.
std::string log_lines(int first, int count)
{
  std::string text;
  for (int i = first; i < first + count; ++i) {
    text += "0314091205|dns  |2|00|Miss in All DNS cache for host" + std::to_string(i) + ".corp.example.net(A)\n";
  }
  return text;
}

std::string write_file(const std::filesystem::path& path, const std::string& bytes)
{
  std::ofstream(path, std::ios::binary) << bytes;
  return path.string();
}

// Reads everything in pieces of `piece` bytes; the error, if any, in `error`.
std::string read_all(ByteSource& source, std::size_t piece, std::string& error)
{
  std::string text;
  std::string buffer(piece, '\0');
  try {
    for (int i = 0; i < 1'000'000; ++i) { // bounded
      const std::size_t got = source.read(buffer.data(), buffer.size());
      if (got == 0) break;
      text.append(buffer.data(), got);
    }
  } catch (const InputError& e) {
    error = e.what();
  }
  return text;
}

} // namespace

TEST_CASE("applog::GzipSource: several members, many chunks, read in odd pieces: every byte in order")
{
  ScratchDir dir;
  // Three members of ~2.5 MB inflated in all: far more than the chunks in flight, so
  // the inflater has to wait for the reader again and again.
  const std::string a = log_lines(0, 12'000);
  const std::string b = log_lines(12'000, 12'000);
  const std::string c = log_lines(24'000, 6'000);
  REQUIRE(a.size() + b.size() + c.size() > 4 * GzipSource::chunk_count * GzipSource::chunk_size / 2);
  const std::string path = write_file(dir.path / "x-app.log.gz", gzip_member(a) + gzip_member(b) + gzip_member(c));
  auto source = open_byte_source(path);
  CHECK(source->compressed());
  std::string error;
  const std::string text = read_all(*source, 4093, error);
  CHECK(error.empty());
  CHECK(text.size() == a.size() + b.size() + c.size());
  CHECK(text == a + b + c);
}

TEST_CASE("applog::GzipSource: corrupt data after a good member: its bytes first, then the error")
{
  ScratchDir dir;
  const std::string good = log_lines(0, 3000);
  // A second member whose header is right and whose deflate data is not.
  const std::string bad = std::string("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 10) + std::string(64, '\xff');
  const std::string path = write_file(dir.path / "bad-app.log.gz", gzip_member(good) + bad);
  auto source = open_byte_source(path);
  std::string error;
  const std::string text = read_all(*source, 1 << 20, error);
  CHECK(text == good);
  CHECK(error == path + ": gzip data is corrupt (upload the log again or pass it uncompressed)");
}

TEST_CASE("applog::GzipSource: a reader that stops early lets the inflater go")
{
  ScratchDir dir;
  const std::string text = log_lines(0, 40'000); // ~3.5 MB inflated
  const std::string path = write_file(dir.path / "big-app.log.gz", gzip_member(text));
  std::string first;
  {
    auto source = open_byte_source(path);
    first.resize(100);
    first.resize(source->read(first.data(), first.size()));
    // Destroyed here with most of the file unread: the inflater, waiting for a free
    // chunk, is told to stop and joined (this test would hang otherwise).
  }
  CHECK(first == text.substr(0, first.size()));
  CHECK_FALSE(first.empty());
}

TEST_CASE("applog::parse_log_file: a log and its gzip give the same report")
{
  ScratchDir dir;
  const std::string plain = std::string(SIPFO_SOURCE_DIR) + "/fixtures/logs/00907a1c000e-app.log";
  std::ifstream in(plain, std::ios::binary);
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  REQUIRE_FALSE(text.empty());
  const std::string packed = write_file(dir.path / "00907a1c000e-app.log.gz", gzip_member(text));
  const FileReport a = parse_log_file(plain, ParseOptions{});
  const FileReport b = parse_log_file(packed, ParseOptions{});
  REQUIRE_FALSE(a.error);
  REQUIRE_FALSE(b.error);
  CHECK(b.stats.lines == a.stats.lines);
  CHECK(b.stats.bytes == text.size());
  CHECK(b.outcome == a.outcome);
  CHECK(b.boots.size() == a.boots.size());
  CHECK(b.exit_status == a.exit_status);
  REQUIRE(b.diagnosis.has_value() == a.diagnosis.has_value());
  if (a.diagnosis) CHECK(b.diagnosis->cause == a.diagnosis->cause);
}
