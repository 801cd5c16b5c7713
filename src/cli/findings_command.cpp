// `sipfo findings [CODE]`: the finding codes resolve and probe report, one a
// line, or one of them explained (issue 14: --help stays one screen; the codes
// live here and in the man pages' FINDINGS sections).

#include "command.hpp"

#include "sipfo/handset/finding.hpp"
#include "sipfo/util/input_error.hpp"
#include "sipfo/util/printable.hpp"
#include "sipfo/util/suggest.hpp"

#include <fmt/format.h>

#include <vector>

namespace sipfo::cli {

namespace {

const handset::FindingKind* find_kind(std::string_view code)
{
  for (const auto& kind : handset::finding_kinds()) {
    if (kind.code == code) return &kind;
  }
  return nullptr;
}

void run_findings(const std::string& code)
{
  if (code.empty()) {
    for (const auto& kind : handset::finding_kinds()) {
      fmt::print("{:<28} {:<7} {}\n", kind.code, handset::severity_name(kind.severity), kind.summary);
    }
    return;
  }
  const auto* kind = find_kind(util::to_lower(code));
  if (kind == nullptr) {
    std::vector<std::string_view> codes;
    for (const auto& known : handset::finding_kinds()) codes.push_back(known.code);
    const auto match = util::closest_match(code, codes);
    throw util::InputError("", fmt::format("unknown finding code '{}'", util::printable(code, 80)),
                           match ? fmt::format("did you mean {}?", *match) : "'sipfo findings' lists them");
  }
  fmt::print("{} ({})\n  {}\n  what to do: {}\n", kind->code, handset::severity_name(kind->severity), kind->summary,
             kind->fix);
}

} // namespace

void add_findings_command(CLI::App& app, Context&)
{
  auto code = std::make_shared<std::string>();
  auto* command = app.add_subcommand("findings", "List the finding codes resolve and probe report, or explain one");
  command->add_option("CODE", *code, "A finding code, e.g. srv_target_no_address");
  command->footer("Each code is documented in the FINDINGS section of sipfo-resolve(1) or sipfo-probe(1).");
  command->callback([code] { run_findings(*code); });
}

} // namespace sipfo::cli
