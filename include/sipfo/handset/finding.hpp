#pragma once
// Findings: what in DNS or in the phone's settings is wrong or worth knowing.
// Their kinds (code, level, meaning, fix, source) are the one registry all
// subcommands share (sipfo/util/finding.hpp); here is a reported finding.

#include "sipfo/util/finding.hpp"

#include <string>

namespace sipfo::handset {

using util::finding_code_count;
using util::finding_kind;
using util::finding_kinds;
using util::FindingCode;
using util::FindingKind;
using util::Severity;
using util::severity_name;

struct Finding {
  std::string code;
  Severity severity = Severity::info;
  std::string message;  // what is wrong here, with names and numbers
  std::string record;   // the record or setting at fault, in zone-file syntax; may be empty
};

// A finding of a registered kind, with the kind's severity.
Finding make_finding(FindingCode code, std::string message, std::string record = {});

} // namespace sipfo::handset
