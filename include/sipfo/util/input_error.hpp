#pragma once
// The one kind of error sipfo reports about its own input: a file, a command line
// or a configuration it cannot use. Failures of the thing being diagnosed (NXDOMAIN,
// a 503, a timeout) are never errors: they are values in results.

#include <stdexcept>
#include <string>

namespace sipfo::util {

class InputError : public std::runtime_error {
public:
  // `where` is "FILE:LINE", "FILE" or "" (command line); `hint` says what to do.
  InputError(std::string where, std::string what, std::string hint = {});

  const std::string& where() const noexcept { return where_; }
  const std::string& what_is_wrong() const noexcept { return what_; }
  const std::string& hint() const noexcept { return hint_; }

private:
  std::string where_;
  std::string what_;
  std::string hint_;
};

// "FILE:LINE: what (hint)", the line sipfo prints after "sipfo: ".
std::string format_input_error(const InputError& error);

} // namespace sipfo::util
