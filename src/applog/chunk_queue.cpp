#include "chunk_queue.hpp"

namespace sipfo::applog {

ChunkQueue::ChunkQueue(std::size_t count, std::size_t capacity)
  : chunks_(count == 0 ? 1 : count), free_(chunks_.size()), full_(chunks_.size())
{
  for (Chunk& chunk : chunks_) {
    chunk.bytes.resize(capacity == 0 ? 1 : capacity);
    free_.push(&chunk);
  }
}

ChunkQueue::Chunk* ChunkQueue::free_chunk()
{
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return cancelled_ || !free_.empty(); });
  if (cancelled_) return nullptr;
  return free_.pop();
}

void ChunkQueue::push(Chunk* chunk)
{
  {
    std::lock_guard lock(mutex_);
    full_.push(chunk);
  }
  changed_.notify_all();
}

void ChunkQueue::finish(std::exception_ptr error)
{
  {
    std::lock_guard lock(mutex_);
    finished_ = true;
    error_ = std::move(error);
  }
  changed_.notify_all();
}

ChunkQueue::Chunk* ChunkQueue::full_chunk()
{
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return finished_ || !full_.empty(); });
  if (!full_.empty()) return full_.pop();
  if (error_) {
    // Once: the stream ends after the error has been reported.
    std::exception_ptr error = std::move(error_);
    error_ = nullptr;
    std::rethrow_exception(error);
  }
  return nullptr;
}

void ChunkQueue::recycle(Chunk* chunk)
{
  {
    std::lock_guard lock(mutex_);
    chunk->size = 0;
    free_.push(chunk);
  }
  changed_.notify_all();
}

void ChunkQueue::cancel()
{
  {
    std::lock_guard lock(mutex_);
    cancelled_ = true;
  }
  changed_.notify_all();
}

} // namespace sipfo::applog
