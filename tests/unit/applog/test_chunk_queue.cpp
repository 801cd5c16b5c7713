// The bounded hand-off between the gzip inflater thread and the parser.

#include "applog/chunk_queue.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>

using sipfo::applog::ChunkQueue;

namespace {

// Waits at most two seconds for `done` to hold (a test never hangs on a bug).
template <typename Predicate>
bool eventually(Predicate done)
{
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

} // namespace

TEST_CASE("applog::ChunkQueue: chunks arrive in order, then the end")
{
  ChunkQueue queue(2, 8);
  std::thread producer([&] {
    for (char c = 'a'; c <= 'e'; ++c) {
      ChunkQueue::Chunk* chunk = queue.free_chunk();
      if (chunk == nullptr) return;
      chunk->bytes[0] = c;
      chunk->size = 1;
      queue.push(chunk);
    }
    queue.finish();
  });
  std::string seen;
  for (int i = 0; i < 10; ++i) { // bounded: five chunks and the end
    ChunkQueue::Chunk* chunk = queue.full_chunk();
    if (chunk == nullptr) break;
    seen.append(chunk->bytes.data(), chunk->size);
    queue.recycle(chunk);
  }
  producer.join();
  CHECK(seen == "abcde");
  CHECK(queue.full_chunk() == nullptr); // the end stays the end
}

TEST_CASE("applog::ChunkQueue: the producer waits once every chunk is full")
{
  ChunkQueue queue(3, 16);
  std::atomic<int> taken{0};
  std::thread producer([&] {
    for (int i = 0; i < 4; ++i) {
      ChunkQueue::Chunk* chunk = queue.free_chunk();
      if (chunk == nullptr) return;
      chunk->size = 1;
      queue.push(chunk);
      ++taken;
    }
    queue.finish();
  });
  REQUIRE(eventually([&] { return taken.load() == 3; }));
  // Nothing was read: the fourth chunk has no buffer to go to.
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK(taken.load() == 3);
  ChunkQueue::Chunk* first = queue.full_chunk();
  REQUIRE(first != nullptr);
  queue.recycle(first);
  CHECK(eventually([&] { return taken.load() == 4; }));
  for (int i = 0; i < 3; ++i) {
    ChunkQueue::Chunk* chunk = queue.full_chunk();
    REQUIRE(chunk != nullptr);
    queue.recycle(chunk);
  }
  CHECK(queue.full_chunk() == nullptr);
  producer.join();
}

TEST_CASE("applog::ChunkQueue: the producer's error comes after its chunks, once")
{
  ChunkQueue queue(2, 8);
  ChunkQueue::Chunk* chunk = queue.free_chunk();
  chunk->size = 3;
  queue.push(chunk);
  queue.finish(std::make_exception_ptr(std::runtime_error("cut")));
  ChunkQueue::Chunk* got = queue.full_chunk();
  REQUIRE(got == chunk);
  CHECK(got->size == 3);
  queue.recycle(got);
  CHECK_THROWS_WITH_AS(queue.full_chunk(), "cut", std::runtime_error);
  CHECK(queue.full_chunk() == nullptr);
}

TEST_CASE("applog::ChunkQueue: cancel releases a producer waiting for a free chunk")
{
  ChunkQueue queue(1, 8);
  std::atomic<bool> released{false};
  std::thread producer([&] {
    ChunkQueue::Chunk* chunk = queue.free_chunk();
    chunk->size = 1;
    queue.push(chunk);
    // No chunk is free until the consumer gives one back, which it never does.
    released = queue.free_chunk() == nullptr;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  queue.cancel();
  producer.join();
  CHECK(released.load());
}
