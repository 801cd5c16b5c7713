#pragma once
// The first N and the last M items of a sequence of any length, and how many
// fell between: what a phone's story keeps of its transactions and DNS
// exchanges (StoryLimits), so memory does not grow with the capture.

#include <algorithm>
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
    if (items_.size() < first_ + last_) {
      // Past the first ones the list may grow long: its final size, once.
      if (items_.size() == first_) items_.reserve(first_ + last_);
      items_.push_back(std::move(item));
      return;
    }
    ++omitted_;
    if (last_ == 0) return;
    // The last ones form a ring after the first ones; `next_` is the oldest.
    items_[first_ + next_] = std::move(item);
    next_ = (next_ + 1) % last_;
  }

  std::uint64_t omitted() const noexcept { return omitted_; }
  // The most recent item, when any: what the next one is compared with.
  T* back() noexcept
  {
    if (items_.empty()) return nullptr;
    if (items_.size() < first_ + last_ || last_ == 0) return &items_.back();
    return &items_[first_ + (next_ + last_ - 1) % last_];
  }

  // The kept items in order (first ones, then the last ones); empties the list.
  // The ring is turned in place, so nothing is allocated: a story of a thousand
  // phones is handed over without holding two copies at once.
  std::vector<T> take()
  {
    if (next_ != 0) {
      const auto ring = items_.begin() + static_cast<std::ptrdiff_t>(first_);
      std::rotate(ring, ring + static_cast<std::ptrdiff_t>(next_), items_.end());
    }
    next_ = 0;
    return std::move(items_);
  }

private:
  std::size_t first_;
  std::size_t last_;
  std::vector<T> items_;
  std::size_t next_ = 0;
  std::uint64_t omitted_ = 0;
};

} // namespace sipfo::wire
