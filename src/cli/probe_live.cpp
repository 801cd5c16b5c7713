#include "probe_live.hpp"

#include "sipfo/probe/status.hpp"
#include "sipfo/render/probe_report.hpp"
#include "sipfo/render/terminal.hpp"
#include "sipfo/util/duration.hpp"
#include "sipfo/util/printable.hpp"

#include <fmt/format.h>
#include <sys/ioctl.h>
#include <unistd.h>

namespace sipfo::cli {

namespace {

std::string server_text(const probe::Target& target)
{
  if (target.endpoint.address.empty()) {
    return util::printable(fmt::format("{}:{}/{}", target.server_name, target.endpoint.port,
                                       sip::transport_name(target.endpoint.transport)));
  }
  return util::printable(sip::endpoint_text(target.endpoint));
}

std::string exchange_cell(const char* method, const std::optional<probe::Exchange>& exchange)
{
  if (!exchange) return "";
  return fmt::format("  {} {} {}", method, render::exchange_text(exchange), util::format_duration(exchange->rtt));
}

// Cuts `text` to `width` columns, never inside a UTF-8 sequence.
std::string fit(std::string text, std::size_t width)
{
  text.resize(render::bytes_for_columns(text, width));
  return text;
}

} // namespace

std::string live_row(const probe::TargetResult& result, bool pivot)
{
  const auto status = result.not_probed == probe::NotProbed::no
                        ? probe::candidate_status(result.options, result.registration)
                        : probe::Status::unknown;
  const char* note = probe::not_probed_note(result.not_probed);
  return fmt::format("  {}{}:{}  {}  {}{}{}{}", pivot ? "P" : "", result.target.rank, result.target.priority,
                     server_text(result.target), probe::status_name(status), *note ? fmt::format(" ({})", note) : "",
                     exchange_cell("OPTIONS", result.options), exchange_cell("REGISTER", result.registration));
}

LiveRows::LiveRows(std::FILE* out, bool enabled, bool color, bool pivot, ProgressLine& progress)
  : out_(out), enabled_(enabled && render::is_terminal(::fileno(out))), color_(color), pivot_(pivot),
    progress_(progress)
{
  winsize size{};
  if (enabled_ && ::ioctl(::fileno(out), TIOCGWINSZ, &size) == 0 && size.ws_col > 0 && size.ws_row > 0) {
    columns_ = size.ws_col;
    height_ = size.ws_row;
  }
}

void LiveRows::print(const std::string& text)
{
  if (!enabled_) return;
  progress_.clear();
  std::fwrite(text.data(), 1, text.size(), out_);
  std::fflush(out_);
}

void LiveRows::add(const probe::TargetResult& result)
{
  if (!enabled_) return;
  const std::string row = fit(live_row(result, pivot_), columns_ > 1 ? columns_ - 1 : columns_);
  progress_.clear();
  fmt::print(out_, "{}\n", render::paint(row, render::Color::dim, color_));
  std::fflush(out_);
  ++rows_;
}

void LiveRows::erase()
{
  if (!enabled_ || rows_ == 0) return;
  progress_.clear();
  // Cursor up to the first row, then clear to the end of the screen; rows
  // that scrolled away cannot be reached: leave them, the table follows.
  if (rows_ < height_) fmt::print(out_, "\x1b[{}F\x1b[J", rows_);
  else fmt::print(out_, "\n");
  std::fflush(out_);
  rows_ = 0;
}

} // namespace sipfo::cli
