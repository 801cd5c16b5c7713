#pragma once
// What the command line names, as the list of logs to read: files as given, "-" for
// standard input, and for a directory its *app.log files (also *app.log.gz), sorted
// by name (design §6).

#include <string>
#include <vector>

namespace sipfo::applog {

// Expands `arguments` in order. Throws util::InputError for a path that does not
// exist or a directory without logs.
std::vector<std::string> expand_inputs(const std::vector<std::string>& arguments);

} // namespace sipfo::applog
