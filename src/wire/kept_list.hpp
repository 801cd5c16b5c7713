#pragma once
// The first N and the last M items of a sequence of any length, and how many
// fell between: what a phone's story keeps of its transactions and DNS
// exchanges (StoryLimits), so memory does not grow with the capture.

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace sipfo::wire {

template <typename T>
class KeptList {
public:
  KeptList(std::size_t first, std::size_t last) : first_(first), last_(last) {}

  void push(T item)
  {
    if (head_.size() < first_) {
      head_.push_back(std::move(item));
      return;
    }
    if (last_ == 0) {
      ++omitted_;
      return;
    }
    // The last ones in a ring: `next_` is where the oldest sits once it is full.
    if (ring_.size() < last_) {
      if (ring_.empty()) ring_.reserve(last_);
      ring_.push_back(std::move(item));
      return;
    }
    ring_[next_] = std::move(item);
    next_ = (next_ + 1) % last_;
    ++omitted_;
  }

  std::uint64_t omitted() const noexcept { return omitted_; }
  // The most recent item, when any: what the next one is compared with.
  T* back() noexcept
  {
    if (!ring_.empty()) return &ring_[(next_ + ring_.size() - 1) % ring_.size()];
    return head_.empty() ? nullptr : &head_.back();
  }

  // The kept items in order (first ones, then the last ones); empties the list.
  std::vector<T> take()
  {
    std::vector<T> all = std::move(head_);
    for (std::size_t i = 0; i < ring_.size(); ++i) all.push_back(std::move(ring_[(next_ + i) % ring_.size()]));
    head_.clear();
    ring_.clear();
    next_ = 0;
    return all;
  }

private:
  std::size_t first_;
  std::size_t last_;
  std::vector<T> head_;
  std::vector<T> ring_;
  std::size_t next_ = 0;
  std::uint64_t omitted_ = 0;
};

} // namespace sipfo::wire
