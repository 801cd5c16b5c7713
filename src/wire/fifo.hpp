#pragma once
// A first-in first-out queue over one vector: nothing allocated while empty
// (std::deque allocates a block at construction, which a story of a hundred
// thousand hosts, most of them silent, pays once per queue), and the consumed
// front compacted away as it grows.

#include <cstddef>
#include <utility>
#include <vector>

namespace sipfo::wire {

template <typename T>
class Fifo {
public:
  bool empty() const noexcept { return head_ == items_.size(); }
  std::size_t size() const noexcept { return items_.size() - head_; }

  T& front() noexcept { return items_[head_]; }
  T& back() noexcept { return items_.back(); }
  const T& back() const noexcept { return items_.back(); }
  T& operator[](std::size_t index) noexcept { return items_[head_ + index]; }

  void push_back(T item) { items_.push_back(std::move(item)); }
  // The popped item stays, moved from or not, until the front is compacted away.
  void pop_front()
  {
    ++head_;
    if (head_ == items_.size()) {
      items_.clear();
      head_ = 0;
    } else if (head_ >= 8 && head_ * 2 >= items_.size()) {
      items_.erase(items_.begin(), items_.begin() + static_cast<std::ptrdiff_t>(head_));
      head_ = 0;
    }
  }
  void clear()
  {
    items_.clear();
    head_ = 0;
  }

  auto begin() noexcept { return items_.begin() + static_cast<std::ptrdiff_t>(head_); }
  auto end() noexcept { return items_.end(); }
  auto begin() const noexcept { return items_.begin() + static_cast<std::ptrdiff_t>(head_); }
  auto end() const noexcept { return items_.end(); }

private:
  std::vector<T> items_;
  std::size_t head_ = 0;
};

} // namespace sipfo::wire
