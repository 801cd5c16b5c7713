#pragma once
// The first N and the last M items of a sequence of any length, and how many
// fell between: what a phone's story keeps of its transactions and DNS
// exchanges (StoryLimits), so memory does not grow with the capture.

#include <cstddef>
#include <cstdint>
#include <deque>
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
    tail_.push_back(std::move(item));
    if (tail_.size() > last_) {
      tail_.pop_front();
      ++omitted_;
    }
  }

  std::uint64_t omitted() const noexcept { return omitted_; }
  // The most recent item, when any: what the next one is compared with.
  const T* back() const noexcept
  {
    if (!tail_.empty()) return &tail_.back();
    return head_.empty() ? nullptr : &head_.back();
  }
  T* back() noexcept
  {
    if (!tail_.empty()) return &tail_.back();
    return head_.empty() ? nullptr : &head_.back();
  }

  // The kept items in order (first ones, then the last ones); empties the list.
  std::vector<T> take()
  {
    std::vector<T> all = std::move(head_);
    for (auto& item : tail_) all.push_back(std::move(item));
    head_.clear();
    tail_.clear();
    return all;
  }

private:
  std::size_t first_;
  std::size_t last_;
  std::vector<T> head_;
  std::deque<T> tail_;
  std::uint64_t omitted_ = 0;
};

} // namespace sipfo::wire
