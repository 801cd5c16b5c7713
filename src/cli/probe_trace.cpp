#include "probe_trace.hpp"

#include "sipfo/render/terminal.hpp"
#include "sipfo/util/printable.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <ctime>

namespace sipfo::cli {

namespace {

using render::Color;
using render::paint;

// "2026-01-02T03:04:05.678Z".
std::string utc_millis(std::chrono::system_clock::time_point at)
{
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count() % 1000;
  const std::time_t seconds = std::chrono::system_clock::to_time_t(at);
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03}Z", fmt::gmtime(seconds), millis < 0 ? millis + 1000 : millis);
}

std::string local_text(const sip::LocalAddress& local)
{
  if (local.host.empty()) return "(local address not known yet)";
  return fmt::format("{}:{}", local.host, local.port);
}

// The first line coloured by what it is: requests cyan, 2xx green, 1xx and 3xx
// yellow, errors red.
Color first_line_color(std::string_view line)
{
  if (!line.starts_with("SIP/2.0 ")) return Color::cyan;
  const char digit = line.size() > 8 ? line[8] : '0';
  if (digit == '2') return Color::green;
  if (digit == '1' || digit == '3') return Color::yellow;
  return Color::red;
}

} // namespace

std::string trace_text(const probe::TracedMessage& message, std::chrono::system_clock::time_point at, bool color)
{
  const bool sent = message.direction == probe::Direction::sent;
  const std::string local = local_text(message.local);
  const std::string remote =
    util::printable(fmt::format("{}:{}", sip::uri_host(message.remote.address), message.remote.port));
  const std::string route = sent ? fmt::format("{} -> {}", local, remote) : fmt::format("{} -> {}", remote, local);
  const char* what = !sent ? "received" : message.queued ? "queued" : "sent";
  std::string out = paint(fmt::format(";; {}  {}{}  {} {}  ({} bytes){}", utc_millis(at), what,
                                      message.retransmission ? " again (retransmission)" : "",
                                      sip::via_transport_name(message.remote.transport), route, message.text.size(),
                                      message.queued ? "; goes out once the connection is up" : ""),
                          Color::dim, color) +
                    "\n";
  std::string_view rest = message.text;
  bool first = true;
  while (!rest.empty()) {
    const std::size_t end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::string shown = util::printable(line);
    out += first ? paint(shown, first_line_color(line), color) : shown;
    out += "\n";
    first = false;
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  if (!out.ends_with("\n\n")) out += "\n";
  return out;
}

} // namespace sipfo::cli
