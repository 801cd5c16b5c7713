#pragma once
// A bounded hand-off of byte chunks from one producer thread to one consumer: a
// fixed set of buffers circulates between a free list and a full list, so memory
// stays at `count` x `capacity` bytes whatever the input, and nothing is allocated
// after construction. The producer may end the stream with an exception, which the
// consumer receives after every chunk produced before it (a cut gzip's lines are
// read first, then the error).

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <vector>

namespace sipfo::applog {

class ChunkQueue {
public:
  struct Chunk {
    std::vector<char> bytes; // capacity() bytes, allocated once
    std::size_t size = 0;    // how many of them hold data
  };

  ChunkQueue(std::size_t count, std::size_t capacity);
  ChunkQueue(const ChunkQueue&) = delete;
  ChunkQueue& operator=(const ChunkQueue&) = delete;

  // Producer: a free chunk to fill, waiting for the consumer to return one;
  // nullptr once the consumer has cancelled (stop producing).
  Chunk* free_chunk();
  // Producer: hands a filled chunk (size > 0) to the consumer.
  void push(Chunk* chunk);
  // Producer: no more chunks. `error`, when set, is rethrown to the consumer after
  // the chunks already pushed.
  void finish(std::exception_ptr error = nullptr);

  // Consumer: the next filled chunk, waiting for the producer; nullptr at the end
  // of the stream. Rethrows the producer's error in place of the end.
  Chunk* full_chunk();
  // Consumer: gives a chunk taken with full_chunk() back to the producer.
  void recycle(Chunk* chunk);
  // Consumer: stops the producer (its next free_chunk() returns nullptr).
  void cancel();

private:
  // A first-in first-out list of at most chunks_.size() pointers, in fixed storage.
  class Ring {
  public:
    explicit Ring(std::size_t capacity) : slots_(capacity) {}
    bool empty() const noexcept { return count_ == 0; }
    void push(Chunk* chunk) noexcept
    {
      slots_[(head_ + count_++) % slots_.size()] = chunk;
    }
    Chunk* pop() noexcept
    {
      Chunk* chunk = slots_[head_];
      head_ = (head_ + 1) % slots_.size();
      --count_;
      return chunk;
    }

  private:
    std::vector<Chunk*> slots_;
    std::size_t head_ = 0;
    std::size_t count_ = 0;
  };

  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Chunk> chunks_;
  Ring free_;
  Ring full_;
  bool finished_ = false;
  bool cancelled_ = false;
  std::exception_ptr error_;
};

} // namespace sipfo::applog
