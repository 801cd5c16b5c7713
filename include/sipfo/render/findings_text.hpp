#pragma once
// The FINDINGS block every command prints the same way: severity, code, message,
// the record at fault and the fix, continuation lines under the message.

#include "sipfo/handset/finding.hpp"

#include <string>
#include <vector>

namespace sipfo::render {

std::string findings_text(const std::vector<handset::Finding>& findings, bool color);

} // namespace sipfo::render
