#include "sipfo/util/ip_literal.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>

namespace sipfo::util {

bool is_ip_literal(std::string_view text, Brackets brackets) noexcept
{
  if (brackets == Brackets::allowed && text.size() >= 2 && text.front() == '[' && text.back() == ']') {
    text = text.substr(1, text.size() - 2);
  }
  // The longest IPv6 text is 45 characters (INET6_ADDRSTRLEN - 1); a NUL inside would
  // let inet_pton read only a prefix.
  if (text.empty() || text.size() > 45 || text.find('\0') != std::string_view::npos) return false;
  std::array<char, 46> copy{};
  std::copy(text.begin(), text.end(), copy.begin());
  unsigned char buffer[16];
  return ::inet_pton(AF_INET, copy.data(), buffer) == 1 || ::inet_pton(AF_INET6, copy.data(), buffer) == 1;
}

} // namespace sipfo::util
