#pragma once
// Findings: what in DNS or in the phone's settings is wrong or worth knowing. The
// codes are stable (scripts match on them); the table below is the one registry
// the code, --help and the man page are made from.

#include <span>
#include <string>
#include <string_view>

namespace sipfo::handset {

enum class Severity { info, warning, error };
const char* severity_name(Severity severity) noexcept; // "info", "warning", "error"

struct FindingKind {
  std::string_view code;     // stable, snake_case
  Severity severity;
  std::string_view summary;  // one line, for --help and the man page
  std::string_view fix;      // what to do about it
};

// Every finding sipfo can report, in the order the man page lists them.
std::span<const FindingKind> finding_kinds() noexcept;
// Throws std::logic_error for a code missing from the table (a programming error).
const FindingKind& finding_kind(std::string_view code);

struct Finding {
  std::string code;
  Severity severity = Severity::info;
  std::string message;  // what is wrong here, with names and numbers
  std::string record;   // the record or setting at fault, in zone-file syntax; may be empty
};

// A finding of a registered kind, with the kind's severity.
Finding make_finding(std::string_view code, std::string message, std::string record = {});

} // namespace sipfo::handset
