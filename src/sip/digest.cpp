#include "sipfo/sip/digest.hpp"

#include "sipfo/util/suggest.hpp"

#include "text.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <array>

namespace sipfo::sip {

namespace {

struct AlgorithmName {
  DigestAlgorithm algorithm;
  std::string_view name;
  int strength; // higher is preferred (RFC 7616 3.7: SHA-256 over MD5)
};

constexpr std::array<AlgorithmName, 6> algorithm_names{{
  {DigestAlgorithm::md5, "MD5", 0},
  {DigestAlgorithm::md5_sess, "MD5-sess", 0},
  {DigestAlgorithm::sha256, "SHA-256", 1},
  {DigestAlgorithm::sha256_sess, "SHA-256-sess", 1},
  {DigestAlgorithm::sha512_256, "SHA-512-256", 2},
  {DigestAlgorithm::sha512_256_sess, "SHA-512-256-sess", 2},
}};

const AlgorithmName& entry(DigestAlgorithm algorithm) noexcept
{
  for (const auto& e : algorithm_names) {
    if (e.algorithm == algorithm) return e;
  }
  return algorithm_names.front();
}

bool is_sess(DigestAlgorithm algorithm) noexcept
{
  return algorithm == DigestAlgorithm::md5_sess || algorithm == DigestAlgorithm::sha256_sess ||
         algorithm == DigestAlgorithm::sha512_256_sess;
}

const EVP_MD* evp_of(DigestAlgorithm algorithm) noexcept
{
  switch (algorithm) {
  case DigestAlgorithm::md5:
  case DigestAlgorithm::md5_sess: return EVP_md5();
  case DigestAlgorithm::sha256:
  case DigestAlgorithm::sha256_sess: return EVP_sha256();
  case DigestAlgorithm::sha512_256:
  case DigestAlgorithm::sha512_256_sess: return EVP_sha512_256();
  }
  return EVP_md5();
}

// Lower-case hex of the hash of `text` (RFC 7616 3.4.1 H()).
std::string hex_hash(DigestAlgorithm algorithm, std::string_view text)
{
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_Digest(text.data(), text.size(), digest.data(), &length, evp_of(algorithm), nullptr) != 1) {
    return {};
  }
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) fmt::format_to(std::back_inserter(hex), "{:02x}", digest[i]);
  return hex;
}

// Qop to use from a qop-options list like "auth,auth-int".
Qop choose_qop(std::string_view options)
{
  Qop chosen = Qop::none;
  for (std::string_view option : detail::split_outside_quotes(options, ',')) {
    if (util::iequals(option, "auth")) return Qop::auth;
    if (util::iequals(option, "auth-int")) chosen = Qop::auth_int;
  }
  return chosen;
}

// Applies one auth-param of a challenge; false for an unsupported algorithm.
bool apply_param(std::string_view name, const std::string& value, Challenge& challenge)
{
  if (util::iequals(name, "realm")) challenge.realm = value;
  else if (util::iequals(name, "nonce")) challenge.nonce = value;
  else if (util::iequals(name, "opaque")) challenge.opaque = value;
  else if (util::iequals(name, "qop")) challenge.qop = choose_qop(value);
  else if (util::iequals(name, "stale")) challenge.stale = util::iequals(value, "true");
  else if (util::iequals(name, "algorithm")) {
    for (const auto& e : algorithm_names) {
      if (util::iequals(value, e.name)) {
        challenge.algorithm = e.algorithm;
        challenge.algorithm_given = true;
        return true;
      }
    }
    return false;
  }
  return true;
}

// True when every quoted-string in `text` is closed (RFC 7230 3.2.6); a
// backslash escapes the next character inside one.
bool quotes_balanced(std::string_view text) noexcept
{
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (quoted && text[i] == '\\') ++i;
    else if (text[i] == '"') quoted = !quoted;
  }
  return !quoted;
}

// A value shown in a message: bounded, since it comes from the server.
std::string shown(std::string_view text)
{
  constexpr std::size_t limit = 64;
  return text.size() <= limit ? std::string(text) : std::string(text.substr(0, limit)) + "...";
}

ChallengeReading problem(ChallengeProblem what, std::string detail)
{
  return {std::nullopt, what, std::move(detail)};
}

// Backslash-escapes '"' and '\' for a quoted-string (RFC 7230 3.2.6).
std::string quoted(std::string_view text)
{
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + '"';
}

const char* qop_name(Qop qop) noexcept
{
  return qop == Qop::auth_int ? "auth-int" : "auth";
}

} // namespace

const char* digest_algorithm_name(DigestAlgorithm algorithm) noexcept
{
  return entry(algorithm).name.data();
}

ChallengeReading read_challenge(std::string_view header_value)
{
  std::string_view text = detail::trim(header_value);
  constexpr std::string_view scheme = "digest";
  if (text.size() <= scheme.size() || !util::iequals(text.substr(0, scheme.size()), scheme) ||
      (text[scheme.size()] != ' ' && text[scheme.size()] != '\t')) {
    const std::string_view name = text.substr(0, std::min(text.find_first_of(" \t"), text.size()));
    return problem(ChallengeProblem::other_scheme, shown(name));
  }
  const std::string_view params = text.substr(scheme.size());
  if (!quotes_balanced(params)) return problem(ChallengeProblem::malformed, "unterminated quoted string");
  Challenge challenge;
  for (std::string_view param : detail::split_outside_quotes(params, ',')) {
    if (param.empty()) continue;
    auto [name, value] = detail::split_param(param);
    if (name.empty() || name.size() == param.size()) {
      return problem(ChallengeProblem::malformed, "parameter without a value: " + shown(param));
    }
    const std::string unquoted = detail::unquote(value);
    if (!apply_param(name, unquoted, challenge)) {
      return problem(ChallengeProblem::unsupported_algorithm, shown(unquoted));
    }
  }
  if (challenge.nonce.empty()) return problem(ChallengeProblem::malformed, "no nonce"); // realm may be empty
  return {std::move(challenge), ChallengeProblem::none, {}};
}

std::optional<Challenge> parse_challenge(std::string_view header_value)
{
  return read_challenge(header_value).challenge;
}

ChallengeReading choose_challenge_reading(const std::vector<std::string_view>& header_values)
{
  ChallengeReading best = problem(ChallengeProblem::missing, {});
  for (std::string_view value : header_values) {
    ChallengeReading reading = read_challenge(value);
    if (!reading.challenge) {
      if (!best.challenge && reading.problem > best.problem) best = std::move(reading);
      continue;
    }
    if (!best.challenge || entry(reading.challenge->algorithm).strength > entry(best.challenge->algorithm).strength) {
      best = std::move(reading);
    }
  }
  return best;
}

std::optional<Challenge> choose_challenge(const std::vector<std::string_view>& header_values)
{
  return choose_challenge_reading(header_values).challenge;
}

std::string digest_response(const Challenge& challenge, const DigestCredentials& credentials,
                            const DigestContext& context)
{
  const DigestAlgorithm alg = challenge.algorithm;
  const std::string nc = fmt::format("{:08x}", context.nc);
  std::string ha1 = hex_hash(alg, credentials.username + ":" + challenge.realm + ":" + credentials.password);
  if (is_sess(alg)) ha1 = hex_hash(alg, ha1 + ":" + challenge.nonce + ":" + context.cnonce);
  std::string a2 = context.method + ":" + context.uri;
  if (challenge.qop == Qop::auth_int) a2 += ":" + hex_hash(alg, context.body);
  const std::string ha2 = hex_hash(alg, a2);
  if (challenge.qop == Qop::none) return hex_hash(alg, ha1 + ":" + challenge.nonce + ":" + ha2);
  return hex_hash(alg, fmt::format("{}:{}:{}:{}:{}:{}", ha1, challenge.nonce, nc, context.cnonce,
                                   qop_name(challenge.qop), ha2));
}

std::string authorization_value(const Challenge& challenge, const DigestCredentials& credentials,
                                const DigestContext& context)
{
  std::string value = fmt::format("Digest username={}, realm={}, nonce={}, uri={}, response=\"{}\"",
                                  quoted(credentials.username), quoted(challenge.realm), quoted(challenge.nonce),
                                  quoted(context.uri), digest_response(challenge, credentials, context));
  if (challenge.algorithm_given) value += fmt::format(", algorithm={}", digest_algorithm_name(challenge.algorithm));
  if (challenge.qop != Qop::none) {
    value += fmt::format(", cnonce={}, qop={}, nc={:08x}", quoted(context.cnonce), qop_name(challenge.qop), context.nc);
  }
  if (challenge.opaque) value += fmt::format(", opaque={}", quoted(*challenge.opaque));
  return value;
}

} // namespace sipfo::sip
