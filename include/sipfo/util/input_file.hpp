#pragma once
// Reading a file the user names on the command line, as Unix tools do: "-" is
// standard input, and a pipe or FIFO (bash's `<(...)`, /dev/stdin) reads like a
// regular file. A directory or a device (/dev/zero never ends) is refused with
// one line that says what it is; the size is bounded for every kind.

#include <cstddef>
#include <string>
#include <string_view>

namespace sipfo::util {

// The whole of `path` ("-": standard input). `what` names the file in errors
// ("zone file", "scenario"); throws InputError(path, ...) for a directory, a
// device, a file that cannot be opened or one longer than `max_bytes`.
std::string read_input_file(const std::string& path, std::string_view what, std::size_t max_bytes);

// "standard input" for "-", else the path: how errors name the input.
std::string input_name(const std::string& path);

} // namespace sipfo::util
