// `sipfo findings [CODE]`: every finding code resolve, probe, parse-log and parse-pcap report,
// one a line with the subcommands that report it, or one of them explained
// (issue 14: --help stays one screen; the codes live here, in the man pages'
// FINDINGS sections and in sipfo-parse-log(1) ROOT CAUSES).

#include "command.hpp"
#include "findings_listing.hpp"

#include "sipfo/util/input_error.hpp"
#include "sipfo/util/printable.hpp"
#include "sipfo/util/suggest.hpp"

#include <fmt/format.h>

#include <vector>

namespace sipfo::cli {

namespace {

void run_findings(const std::string& code)
{
  if (code.empty()) {
    fmt::print("{}", findings_listing());
    return;
  }
  const auto* kind = util::find_finding_kind(util::to_lower(code));
  if (kind == nullptr) {
    std::vector<std::string_view> codes;
    for (const auto& known : util::finding_kinds()) codes.push_back(known.code);
    const auto match = util::closest_match(code, codes);
    throw util::InputError("", fmt::format("unknown finding code '{}'", util::printable(code, 80)),
                           match ? fmt::format("did you mean {}?", *match) : "'sipfo findings' lists them");
  }
  fmt::print("{}", finding_explanation(*kind));
}

} // namespace

void add_findings_command(CLI::App& app, Context&)
{
  auto code = std::make_shared<std::string>();
  auto* command =
    app.add_subcommand("findings", "List the finding codes resolve, probe, parse-log and parse-pcap report, or explain one");
  command->add_option("CODE", *code, "A finding code, e.g. srv_target_no_address");
  command->footer("Each code is documented in the FINDINGS section of sipfo-resolve(1) or sipfo-probe(1), or in the "
                  "ROOT CAUSES of sipfo-parse-log(1), or the FINDINGS of sipfo-parse-pcap(1).");
  command->callback([code] { run_findings(*code); });
}

} // namespace sipfo::cli
