#include "sipfo/sip/method.hpp"

namespace sipfo::sip {

const char* method_name(Method method) noexcept
{
  return method == Method::options ? "OPTIONS" : "REGISTER";
}

std::optional<Method> parse_method(std::string_view text) noexcept
{
  if (text == "OPTIONS") return Method::options;
  if (text == "REGISTER") return Method::register_;
  return std::nullopt;
}

} // namespace sipfo::sip
