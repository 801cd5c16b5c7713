#include "sipfo/util/input_error.hpp"

namespace sipfo::util {

namespace {

std::string compose(const std::string& where, const std::string& what, const std::string& hint)
{
  std::string line = where.empty() ? what : where + ": " + what;
  if (!hint.empty()) {
    line += " (" + hint + ")";
  }
  return line;
}

} // namespace

InputError::InputError(std::string where, std::string what, std::string hint)
  : std::runtime_error(compose(where, what, hint)),
    where_(std::move(where)),
    what_(std::move(what)),
    hint_(std::move(hint))
{
}

std::string format_input_error(const InputError& error)
{
  return error.what();
}

} // namespace sipfo::util
