#include "sipfo/applog/log_batch.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <numeric>
#include <optional>
#include <sys/stat.h>
#include <thread>

namespace sipfo::applog {

namespace {

// Reports finished by the workers, waiting to be handed out in order.
class ReportSlots {
public:
  explicit ReportSlots(std::size_t count) : slots_(count) {}

  void put(std::size_t index, FileReport report)
  {
    {
      std::lock_guard lock(mutex_);
      slots_[index] = std::move(report);
      ++finished_;
    }
    ready_.notify_one();
  }

  // The report at `index` once it is there; nullopt when `timeout` passed first.
  std::optional<FileReport> take(std::size_t index, std::chrono::milliseconds timeout)
  {
    std::unique_lock lock(mutex_);
    if (!ready_.wait_for(lock, timeout, [&] { return slots_[index].has_value(); })) return std::nullopt;
    std::optional<FileReport> report = std::move(slots_[index]);
    slots_[index].reset();
    return report;
  }

  std::size_t finished()
  {
    std::lock_guard lock(mutex_);
    return finished_;
  }

private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::vector<std::optional<FileReport>> slots_;
  std::size_t finished_ = 0;
};

// Bytes on disk; standard input and anything stat() cannot size count as largest
// (a pipe may be long, and it is best started at once).
std::uint64_t size_of(const std::string& path)
{
  struct stat info {};
  if (path == "-" || ::stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return UINT64_MAX;
  return static_cast<std::uint64_t>(info.st_size);
}

} // namespace

std::vector<std::size_t> largest_first(const std::vector<std::uint64_t>& sizes)
{
  std::vector<std::size_t> order(sizes.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return sizes[x] > sizes[y]; });
  return order;
}

void parse_logs(const std::vector<std::string>& paths, const ParseOptions& options, unsigned jobs,
                const BatchCallbacks& callbacks)
{
  if (paths.empty()) return;
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
  jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, paths.size()));
  ReportSlots slots(paths.size());
  // The biggest files start first, so a large one taken last does not leave the
  // other cores idle at the end; reports still come out in input order.
  std::vector<std::uint64_t> sizes;
  sizes.reserve(paths.size());
  for (const std::string& path : paths) sizes.push_back(jobs > 1 ? size_of(path) : 0);
  const std::vector<std::size_t> order = largest_first(sizes);
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t k = next++; k < order.size(); k = next++) {
      const std::size_t i = order[k];
      slots.put(i, parse_log_file(paths[i], options));
    }
  };
  std::vector<std::jthread> workers;
  workers.reserve(jobs);
  for (unsigned j = 0; j < jobs; ++j) workers.emplace_back(work);
  for (std::size_t i = 0; i < paths.size(); ++i) {
    for (;;) {
      if (auto report = slots.take(i, callbacks.tick_interval)) {
        if (callbacks.on_report) callbacks.on_report(i, std::move(*report));
        break;
      }
      if (callbacks.on_tick) callbacks.on_tick(slots.finished());
    }
  }
}

} // namespace sipfo::applog
