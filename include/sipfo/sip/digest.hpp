#pragma once
// HTTP Digest authentication as SIP uses it (RFC 3261 22.4): RFC 7616 (MD5,
// SHA-256, SHA-512/256 and their -sess forms, qop=auth and auth-int) and the
// older RFC 2617/2069 form without qop. The password only ever enters a hash:
// no function here returns or formats it.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sipfo::sip {

enum class DigestAlgorithm { md5, md5_sess, sha256, sha256_sess, sha512_256, sha512_256_sess };

// "MD5", "SHA-256-sess", ...: the RFC 7616 3.3 names.
const char* digest_algorithm_name(DigestAlgorithm algorithm) noexcept;

enum class Qop { none, auth, auth_int };

// One Digest challenge from a WWW-Authenticate (401) or Proxy-Authenticate (407).
struct Challenge {
  std::string realm;
  std::string nonce;
  std::optional<std::string> opaque;
  DigestAlgorithm algorithm = DigestAlgorithm::md5; // MD5 when absent (RFC 7616 3.3)
  bool algorithm_given = false;
  Qop qop = Qop::none;   // the qop sipfo will use: auth if offered, else auth-int, else none
  bool stale = false;
};

// Why a challenge cannot be answered, worst last: a usable Digest challenge
// among several wins over any problem, and a malformed one is reported over an
// unknown scheme (RFC 7235 4.1 allows other schemes beside Digest).
enum class ChallengeProblem { none, missing, other_scheme, unsupported_algorithm, malformed };

// A parsed challenge, or why there is none; `detail` names what was wrong
// (the algorithm's name as the server spelled it, the broken part).
struct ChallengeReading {
  std::optional<Challenge> challenge;
  ChallengeProblem problem = ChallengeProblem::none;
  std::string detail;
};

// Reads one WWW-Authenticate / Proxy-Authenticate value. Malformed: an
// unterminated quoted string, a parameter without '=', no nonce.
ChallengeReading read_challenge(std::string_view header_value);

// Nullopt for a scheme other than Digest, a malformed challenge, or an
// algorithm sipfo does not implement.
std::optional<Challenge> parse_challenge(std::string_view header_value);

// The challenge sipfo answers among several header values: the strongest
// supported algorithm, the first of equals (RFC 7616 3.7). Without a usable
// one, the most telling problem (`missing` when there are no values at all).
ChallengeReading choose_challenge_reading(const std::vector<std::string_view>& header_values);
std::optional<Challenge> choose_challenge(const std::vector<std::string_view>& header_values);

struct DigestCredentials {
  std::string username;  // the authentication user (--auth-user, else --user)
  std::string password;  // never printed
};

struct DigestContext {
  std::string method;        // "REGISTER"
  std::string uri;           // the Request-URI, exactly as sent
  std::string cnonce;        // client nonce; unused without qop
  std::uint32_t nc = 1;      // nonce count; unused without qop
  std::string body;          // entity body, for qop=auth-int (empty for sipfo)
};

// The lower-case hex "response" value (RFC 7616 3.4.1; RFC 2617 3.2.2.1 without qop).
std::string digest_response(const Challenge& challenge, const DigestCredentials& credentials,
                            const DigestContext& context);

// The whole Authorization / Proxy-Authorization value: "Digest username=..., response=...".
std::string authorization_value(const Challenge& challenge, const DigestCredentials& credentials,
                                const DigestContext& context);

} // namespace sipfo::sip
