#include "sipfo/render/findings_text.hpp"

#include "sipfo/render/terminal.hpp"
#include "sipfo/util/printable.hpp"

#include <fmt/format.h>

namespace sipfo::render {

namespace {

Color severity_color(handset::Severity severity)
{
  switch (severity) {
  case handset::Severity::info: return Color::cyan;
  case handset::Severity::warning: return Color::yellow;
  case handset::Severity::error: return Color::red;
  }
  return Color::none;
}

} // namespace

std::string findings_text(const std::vector<handset::Finding>& findings, bool color)
{
  std::string out = paint(";; FINDINGS", Color::bold, color) + "\n";
  if (findings.empty()) return out + "  none\n";
  for (const auto& f : findings) {
    const auto& kind = handset::finding_kind(f.code);
    // Pad before painting, so colour codes do not upset the column.
    const auto severity = fmt::format("{:<7}", handset::severity_name(f.severity));
    out += fmt::format("  {}  {}: {}\n", paint(severity, severity_color(f.severity), color), f.code, util::printable(f.message));
    // Continuation lines sit under the message: severity column (7) + 2 spaces.
    if (!f.record.empty()) out += fmt::format("           at:  {}\n", util::printable(f.record));
    out += fmt::format("           fix: {}\n", kind.fix);
  }
  return out;
}

} // namespace sipfo::render
