#include "probe_progress.hpp"

#include "sipfo/render/terminal.hpp"

#include <fmt/format.h>

namespace sipfo::cli {

ProgressLine::ProgressLine(std::FILE* stream, std::size_t total)
  : stream_(stream), enabled_(total >= min_targets && render::is_terminal(::fileno(stream)))
{
}

ProgressLine::~ProgressLine()
{
  if (drawn_) {
    fmt::print(stream_, "\r\x1b[K");
    std::fflush(stream_);
  }
}

void ProgressLine::update(std::size_t done, std::size_t total)
{
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && done < total && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  drawn_ = true;
  fmt::print(stream_, "\rsipfo: probing {}/{} targets", done, total);
  std::fflush(stream_);
}

} // namespace sipfo::cli
