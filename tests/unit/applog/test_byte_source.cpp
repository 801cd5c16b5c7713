// What parse-log reads: devices that never end are refused, a FIFO is read once
// a writer has it (and is an error when none comes), a cut gzip says so.

#include "sipfo/applog/byte_source.hpp"
#include "sipfo/applog/log_parser.hpp"
#include "sipfo/util/input_error.hpp"

#include "scratch_dir.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace sipfo::applog;
using sipfo::util::InputError;

namespace {

using applog_test::ScratchDir;

std::string read_everything(ByteSource& source)
{
  std::string text;
  char buffer[4096];
  for (int i = 0; i < 100000; ++i) { // bounded: a test source is small
    const std::size_t got = source.read(buffer, sizeof buffer);
    if (got == 0) break;
    text.append(buffer, got);
  }
  return text;
}

std::string error_of(const std::string& path)
{
  try {
    auto source = open_byte_source(path);
    (void)read_everything(*source);
  } catch (const InputError& error) {
    return error.what();
  }
  return "";
}

std::string file_bytes(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

const std::string gzip_fixture = std::string(SIPFO_SOURCE_DIR) + "/fixtures/logs/00907a1c000f-app.log.gz";

} // namespace

TEST_CASE("applog::open_byte_source: /dev/zero is refused at once, /dev/null is an empty log")
{
  // A character device such as /dev/zero never ends and has no newline: reading
  // it would spin for ever. Refused before a byte is read.
  CHECK(error_of("/dev/zero") == "/dev/zero: is a character device, not a log file (a device like /dev/zero never "
                                 "ends) (pass the phone's <MAC>-app.log)");
  auto null_source = open_byte_source("/dev/null");
  CHECK(read_everything(*null_source).empty());
}

TEST_CASE("applog::open_byte_source: a FIFO nobody writes is an error once the stated patience has passed")
{
  ScratchDir dir;
  const std::string fifo = (dir.path / "x-app.log").string();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const auto started = std::chrono::steady_clock::now();
  const std::string error = error_of(fifo);
  const auto waited = std::chrono::steady_clock::now() - started;
  CHECK(error.find(": FIFO has no writer: nothing opened it for writing within 2000 ms") != std::string::npos);
  // It gave the writer the whole patience. That it gives up at all (no hang) is
  // the test finishing; how soon after is the machine's business, not asserted.
  CHECK(waited >= fifo_writer_patience);
}

TEST_CASE("applog::open_byte_source: a FIFO is read like a pipe once its writer comes")
{
  ScratchDir dir;
  const std::string fifo = (dir.path / "x-app.log").string();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  // The writer opens late (well inside the patience) and pauses between writes:
  // both halves must arrive, in order.
  std::thread writer([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    std::FILE* out = std::fopen(fifo.c_str(), "w");
    if (out == nullptr) return;
    std::fputs("first half\n", out);
    std::fflush(out);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    std::fputs("second half\n", out);
    std::fclose(out);
  });
  std::string text;
  try {
    auto source = open_byte_source(fifo);
    text = read_everything(*source);
  } catch (const InputError& error) {
    FAIL(error.what());
  }
  writer.join();
  CHECK(text == "first half\nsecond half\n");
}

TEST_CASE("applog::open_byte_source: a gzip cut short says so after the lines it had")
{
  ScratchDir dir;
  const std::string whole = file_bytes(gzip_fixture);
  REQUIRE(whole.size() > 100);
  const std::string cut = (dir.path / "cut-app.log.gz").string();
  std::ofstream(cut, std::ios::binary) << whole.substr(0, whole.size() / 2);
  std::string text;
  std::string error;
  auto source = open_byte_source(cut);
  try {
    char buffer[4096];
    for (int i = 0; i < 1000; ++i) {
      const std::size_t got = source->read(buffer, sizeof buffer);
      if (got == 0) break;
      text.append(buffer, got);
    }
  } catch (const InputError& e) {
    error = e.what();
  }
  CHECK(error == cut + ": gzip stream ends early (truncated file?) (upload the log again, or pass what was read with "
                       "'zcat FILE | sipfo parse-log -')");
  CHECK_FALSE(text.empty()); // what was inflated before the cut is handed out first
  // RFC 1952: the gzip magic alone is a member that never ends.
  const std::string magic = (dir.path / "magic-app.log.gz").string();
  std::ofstream(magic, std::ios::binary) << std::string("\x1f\x8b", 2);
  CHECK(error_of(magic) == magic + ": gzip stream ends early (truncated file?) (upload the log again, or pass what "
                                   "was read with 'zcat FILE | sipfo parse-log -')");
  // The whole file still reads to its end without an error.
  CHECK(error_of(gzip_fixture).empty());
}

TEST_CASE("applog::parse_log_file: a truncated gzip gives its partial result, a warning and at least exit 1")
{
  ScratchDir dir;
  const std::string whole = file_bytes(gzip_fixture);
  const std::string cut = (dir.path / "cut-app.log.gz").string();
  std::ofstream(cut, std::ios::binary) << whole.substr(0, whole.size() * 3 / 4);
  const FileReport report = parse_log_file(cut, ParseOptions{});
  // Three quarters of the fixture hold its first boot's lines: they are diagnosed.
  REQUIRE_FALSE(report.error);
  CHECK(report.stats.lines > 0);
  bool said = false;
  for (const auto& warning : report.warnings) {
    said = said || warning == "reading stopped early: " + cut + ": gzip stream ends early (truncated file?) (upload "
                              "the log again, or pass what was read with 'zcat FILE | sipfo parse-log -')";
  }
  CHECK(said);
  CHECK(static_cast<int>(report.exit_status) >= static_cast<int>(sipfo::util::ExitStatus::warning));
  const std::string magic = (dir.path / "magic-app.log.gz").string();
  std::ofstream(magic, std::ios::binary) << std::string("\x1f\x8b", 2);
  const FileReport empty = parse_log_file(magic, ParseOptions{});
  REQUIRE(empty.error);
  CHECK(*empty.error == magic + ": gzip stream ends early (truncated file?) (upload the log again, or pass what was "
                                "read with 'zcat FILE | sipfo parse-log -')");
  CHECK(empty.exit_status == sipfo::util::ExitStatus::unknown);
}

TEST_CASE("applog::parse_log: a file of blank lines names the file, never FILE:0")
{
  auto source = memory_byte_source("\n\n   \n");
  const FileReport report = parse_log(*source, "blank-app.log", ParseOptions{});
  REQUIRE(report.error);
  CHECK(*report.error == "blank-app.log: the file holds only blank lines (upload the phone's <MAC>-app.log)");
  CHECK(report.exit_status == sipfo::util::ExitStatus::unknown);
}
