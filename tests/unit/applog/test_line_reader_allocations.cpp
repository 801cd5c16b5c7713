// The line reader is on parse-log's hot path: every line of a 512 MiB log goes
// through it. It hands out views into one buffer it reuses, so reading a line
// allocates nothing: counted here by replacing the global operator new for this
// test binary (the count is kept only on a thread that asks for it).

#include "sipfo/applog/line_reader.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <new>
#include <string>

using namespace sipfo::applog;

namespace {

thread_local bool counting = false;
thread_local std::size_t allocations = 0;

// Counts the allocations made on this thread while it lives.
class AllocationCount {
public:
  AllocationCount()
  {
    allocations = 0;
    counting = true;
  }
  ~AllocationCount() { counting = false; }
  std::size_t value() const noexcept { return allocations; }
};

// Lines of a log, produced on the fly in small pieces (as a pipe gives them).
class ManyLines final : public ByteSource {
public:
  explicit ManyLines(std::size_t lines) : lines_(lines) {}
  std::size_t read(char* buffer, std::size_t size) override
  {
    static constexpr char line[] = "0314091205|dns  |2|00|Miss in All DNS cache for voice.corp.example.net(NAPTR)\n";
    std::size_t n = 0;
    while (n < size && (index_ < lines_)) {
      buffer[n++] = line[offset_++];
      if (offset_ == sizeof line - 1) {
        offset_ = 0;
        ++index_;
      }
      if (n == 1000) break; // short reads, so lines straddle refills
    }
    return n;
  }
  bool compressed() const noexcept override { return false; }

private:
  std::size_t lines_;
  std::size_t index_ = 0;
  std::size_t offset_ = 0;
};

} // namespace

// Every plain form is replaced, all on malloc/free: a form left to the runtime
// (the nothrow one std::stable_sort uses, say) would allocate through it and be
// freed here, which AddressSanitizer rightly reports as a mismatch.
void* operator new(std::size_t size)
{
  if (counting) ++allocations;
  if (void* memory = std::malloc(size == 0 ? 1 : size)) return memory;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return ::operator new(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept
{
  if (counting) ++allocations;
  return std::malloc(size == 0 ? 1 : size);
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return ::operator new(size, std::nothrow); }

// GCC sees operator new inlined into std::string and warns that free() does not
// match it; here it does, operator new above uses malloc().
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void operator delete(void* memory) noexcept { std::free(memory); }
void operator delete(void* memory, std::size_t) noexcept { std::free(memory); }
void operator delete[](void* memory) noexcept { std::free(memory); }
void operator delete[](void* memory, std::size_t) noexcept { std::free(memory); }
void operator delete(void* memory, const std::nothrow_t&) noexcept { std::free(memory); }
void operator delete[](void* memory, const std::nothrow_t&) noexcept { std::free(memory); }
#pragma GCC diagnostic pop

TEST_CASE("applog::LineReader: reading lines allocates nothing after construction")
{
  {
    // The counter counts: a string too long for its inline buffer is one allocation.
    AllocationCount probe;
    const std::string copy(100, 'x');
    CHECK(probe.value() == 1);
  }
  ManyLines source(100'000);
  LineReader reader(source, 64 * 1024, 4 * 1024);
  RawLine line;
  std::size_t count = 0;
  std::size_t dns = 0;
  {
    AllocationCount allocations;
    while (reader.next(line)) {
      ++count;
      dns += line.text.find("|dns  |") != std::string_view::npos ? 1 : 0;
    }
    CHECK(allocations.value() == 0);
  }
  CHECK(count == 100'000);
  CHECK(dns == 100'000);
  CHECK(line.number == 100'000);
}

TEST_CASE("applog::LineReader: every line is a view into the one reused buffer")
{
  ManyLines source(20'000);
  constexpr std::size_t buffer = 64 * 1024;
  LineReader reader(source, buffer, 4 * 1024);
  RawLine line;
  const char* lowest = nullptr;
  const char* highest = nullptr;
  while (reader.next(line)) {
    const char* begin = line.text.data();
    if (lowest == nullptr || begin < lowest) lowest = begin;
    if (highest == nullptr || begin + line.text.size() > highest) highest = begin + line.text.size();
  }
  REQUIRE(lowest != nullptr);
  // 20,000 lines (1.6 MB) passed through, all inside one buffer's span of memory.
  CHECK(static_cast<std::size_t>(highest - lowest) <= buffer);
}
