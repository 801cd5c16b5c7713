#include "probe_progress.hpp"

#include "sipfo/render/terminal.hpp"

#include <fmt/format.h>

namespace sipfo::cli {

std::string progress_text(const probe::EngineProgress& progress, sip::TimePoint now)
{
  std::string out = fmt::format("probing: {}/{} done", progress.finished, progress.total);
  if (progress.waiting > 0) {
    out += fmt::format(", {} waiting", progress.waiting);
    if (progress.gives_up_by) {
      const auto left = std::chrono::ceil<std::chrono::seconds>(*progress.gives_up_by - now).count();
      out += fmt::format(" (at most {} s more, Timer F)", left < 0 ? 0 : left);
    }
  }
  return out;
}

ProgressLine::ProgressLine(std::FILE* stream)
  : stream_(stream), enabled_(render::is_terminal(::fileno(stream))), started_(std::chrono::steady_clock::now())
{
}

ProgressLine::~ProgressLine()
{
  clear();
}

void ProgressLine::clear()
{
  if (!drawn_) return;
  fmt::print(stream_, "\r\x1b[K");
  std::fflush(stream_);
  drawn_ = false;
}

void ProgressLine::update(const probe::EngineProgress& progress, sip::TimePoint now)
{
  if (!enabled_ || now - started_ < quiet_start || progress.finished == progress.total) return;
  if (drawn_ && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  drawn_ = true;
  fmt::print(stream_, "\r\x1b[Ksipfo: {}", progress_text(progress, now));
  std::fflush(stream_);
}

} // namespace sipfo::cli
