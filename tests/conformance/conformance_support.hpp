#pragma once
// Helpers for the conformance tests: each test writes its own zone, resolves a
// server setting with a handset profile over it (offline, dns::ZoneResolver) and
// checks what the vendor document says the phone does.

#include "sipfo/dns/zone.hpp"
#include "sipfo/handset/profile.hpp"
#include "sipfo/handset/resolution.hpp"
#include "sipfo/handset/static_cache.hpp"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace conformance {

using namespace sipfo;

// The SOA and NS every test zone starts with; `body` follows under $ORIGIN `origin`.
inline dns::Zone zone(const std::string& origin, const std::string& body)
{
  const std::string text = "$ORIGIN " + origin + "\n$TTL 300\n@ IN SOA ns." + origin + " admin." + origin +
                           " 1 3600 600 86400 30\n@ IN NS ns\nns IN A 10.99.0.53\n" + body;
  return dns::parse_zone(text, "test.zone");
}

// A resolver that remembers the questions of each resolve() call.
class RecordingResolver : public dns::Resolver {
public:
  explicit RecordingResolver(std::vector<dns::Zone> zones) : inner_(std::move(zones)) {}
  std::vector<dns::Answer> resolve(std::span<const dns::Question> questions) override
  {
    batches.emplace_back(questions.begin(), questions.end());
    return inner_.resolve(questions);
  }
  std::string describe() const override { return "zones"; }
  std::vector<std::vector<dns::Question>> batches;

private:
  dns::ZoneResolver inner_;
};

struct Result {
  handset::Resolution resolution;
  std::vector<std::vector<dns::Question>> batches;
};

inline Result resolve(const std::string& profile, const handset::ServerSetting& setting,
                      const std::vector<dns::Zone>& zones, const handset::ProfileOptions& options = {})
{
  RecordingResolver resolver(zones);
  auto resolution = handset::find_profile(profile)->resolve(setting, resolver, options);
  return Result{std::move(resolution), std::move(resolver.batches)};
}

// A Yealink static DNS cache from (key, value) settings, as a .cfg would give them.
inline handset::StaticCache cache(const std::vector<std::pair<std::string, std::string>>& settings)
{
  std::vector<handset::KeyValue> kv;
  int line = 1;
  for (const auto& [k, v] : settings) kv.push_back({k, v, "y.cfg:" + std::to_string(line++)});
  return handset::static_cache_from_settings(kv);
}

// Profile options that consult `c`, with Yealink's naptr_build.
inline handset::ProfileOptions with(const handset::StaticCache& c, int naptr_build = 0)
{
  handset::ProfileOptions o;
  o.static_cache = &c;
  o.naptr_build = naptr_build;
  return o;
}

// "A|SRV|NAPTR name." for each question the handset asked (not sipfo's own checks).
inline std::vector<std::string> asked(const handset::Resolution& r)
{
  std::vector<std::string> out;
  for (const auto& q : r.queries) {
    if (q.asked_by != handset::Asker::handset) continue;
    out.push_back(dns::rr_type_name(q.answer.question.type) + " " + q.answer.question.name);
  }
  return out;
}

inline std::vector<std::string> endpoints(const handset::Resolution& r)
{
  std::vector<std::string> out;
  for (const auto& c : r.candidates) out.push_back(handset::endpoint_text(c));
  return out;
}

inline bool has_finding(const handset::Resolution& r, std::string_view code)
{
  return std::any_of(r.findings.begin(), r.findings.end(), [&](const auto& f) { return f.code == code; });
}

inline const handset::Finding* finding(const handset::Resolution& r, std::string_view code)
{
  for (const auto& f : r.findings) {
    if (f.code == code) return &f;
  }
  return nullptr;
}

} // namespace conformance
