#include "sipfo/applog/log_batch.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
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

} // namespace

void parse_logs(const std::vector<std::string>& paths, const ParseOptions& options, unsigned jobs,
                const BatchCallbacks& callbacks)
{
  if (paths.empty()) return;
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
  jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, paths.size()));
  ReportSlots slots(paths.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < paths.size(); i = next++) {
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
