#pragma once
// What `sipfo findings` prints: the registry (sipfo/util/finding.hpp) as one line
// per code, or one code explained. In the CLI layer because parse-log's wording
// of a fix (applog) and resolve's (the registry) meet only here.

#include "sipfo/util/finding.hpp"

#include <string>

namespace sipfo::cli {

// "resolve probe", "probe", "parse-log", "resolve probe parse-log".
std::string reporters_text(const util::FindingKind& kind);

// One line per code, in registry order:
//   srv_target_no_address        warning resolve probe parse-log  an SRV target has ... (parse-log: error)
std::string findings_listing();

// The code, its level, meaning, fix, the subcommands reporting it (with
// parse-log's level and fix where they differ), its source and the codes of
// other subcommands meaning the same.
std::string finding_explanation(const util::FindingKind& kind);

} // namespace sipfo::cli
