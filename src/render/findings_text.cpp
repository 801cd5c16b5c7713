#include "sipfo/render/findings_text.hpp"

#include "sipfo/render/terminal.hpp"
#include "sipfo/render/text_wrap.hpp"
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
    // Continuation lines sit under the message: severity column (7) + 2 spaces;
    // on a terminal, long ones wrap there too.
    out += wrap_text(fmt::format("  {}  ", paint(severity, severity_color(f.severity), color)),
                     fmt::format("{}: {}", f.code, util::printable(f.message)), 11);
    if (!f.record.empty()) out += wrap_text("           at:  ", util::printable(f.record), 16);
    out += wrap_text("           fix: ", kind.fix, 16);
  }
  return out;
}

} // namespace sipfo::render
