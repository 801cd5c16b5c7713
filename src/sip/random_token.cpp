#include "sipfo/sip/random_token.hpp"

#include "sipfo/sip/request.hpp"

#include <sys/random.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <random>

namespace sipfo::sip {

namespace {

// Fills `buffer` from getrandom(); on the (theoretical) failure falls back to
// a clock-seeded generator so a probe still gets distinct tokens.
void fill_random(unsigned char* buffer, std::size_t size)
{
  std::size_t done = 0;
  while (done < size) {
    ssize_t got = getrandom(buffer + done, size - done, 0);
    if (got <= 0) break;
    done += static_cast<std::size_t>(got);
  }
  if (done == size) return;
  std::mt19937_64 fallback(static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()));
  for (; done < size; ++done) buffer[done] = static_cast<unsigned char>(fallback());
}

} // namespace

std::string random_token(std::size_t hex_chars)
{
  static constexpr char digits[] = "0123456789abcdef";
  std::string out(hex_chars, '0');
  std::array<unsigned char, 64> bytes{};
  for (std::size_t i = 0; i < hex_chars; i += 2 * bytes.size()) {
    fill_random(bytes.data(), bytes.size());
    for (std::size_t j = 0; j < 2 * bytes.size() && i + j < hex_chars; ++j) {
      unsigned char byte = bytes[j / 2];
      out[i + j] = digits[j % 2 == 0 ? byte >> 4 : byte & 0x0f];
    }
  }
  return out;
}

std::string new_branch()
{
  return std::string(branch_cookie) + random_token(24);
}

} // namespace sipfo::sip
