#pragma once
// A resolver for unit tests of profile rules: answers from records given in the
// test, like a tiny authoritative server, and remembers which questions were asked
// together. Live and zone-file answers are tested against real servers elsewhere.

#include "sipfo/dns/resolver.hpp"

#include <map>
#include <string>
#include <vector>

namespace sipfo::test {

inline dns::Record srv(std::string owner, std::uint16_t priority, std::uint16_t weight, std::uint16_t port,
                       std::string target, std::uint32_t ttl = 30)
{
  return {std::move(owner), dns::RrType::srv, ttl, dns::SrvData{priority, weight, port, std::move(target)}};
}
inline dns::Record a(std::string owner, std::string address, std::uint32_t ttl = 30)
{
  return {std::move(owner), dns::RrType::a, ttl, dns::AddressData{std::move(address)}};
}
inline dns::Record aaaa(std::string owner, std::string address, std::uint32_t ttl = 30)
{
  return {std::move(owner), dns::RrType::aaaa, ttl, dns::AddressData{std::move(address)}};
}
inline dns::Record cname(std::string owner, std::string target, std::uint32_t ttl = 30)
{
  return {std::move(owner), dns::RrType::cname, ttl, dns::NameData{std::move(target)}};
}
inline dns::Record naptr(std::string owner, std::uint16_t order, std::uint16_t preference, std::string flags,
                         std::string service, std::string replacement, std::uint32_t ttl = 30)
{
  return {std::move(owner), dns::RrType::naptr, ttl,
          dns::NaptrData{order, preference, std::move(flags), std::move(service), "", std::move(replacement)}};
}

class FakeDns : public dns::Resolver {
public:
  explicit FakeDns(std::vector<dns::Record> records) : records_(std::move(records)) {}

  // Every question for `name` (any type) gets this outcome, e.g. timeout.
  void fail(std::string name, dns::Outcome outcome) { failures_[dns::absolute_name(name)] = outcome; }

  std::vector<dns::Answer> resolve(std::span<const dns::Question> questions) override
  {
    batches.emplace_back(questions.begin(), questions.end());
    std::vector<dns::Answer> out;
    for (const auto& q : questions) out.push_back(answer(q));
    return out;
  }
  std::string describe() const override { return "fake"; }

  // The questions of each resolve() call, in order.
  std::vector<std::vector<dns::Question>> batches;

  // Every question asked, flattened, as "TYPE name".
  std::vector<std::string> asked() const
  {
    std::vector<std::string> out;
    for (const auto& batch : batches) {
      for (const auto& q : batch) out.push_back(dns::rr_type_name(q.type) + " " + q.name);
    }
    return out;
  }

private:
  dns::Answer answer(const dns::Question& q) const
  {
    dns::Answer answer;
    answer.question = q;
    answer.source = "fake";
    if (auto f = failures_.find(dns::absolute_name(q.name)); f != failures_.end()) {
      answer.outcome = f->second;
      return answer;
    }
    bool exists = false;
    for (const auto& r : records_) {
      if (!dns::same_name(r.owner, q.name)) continue;
      exists = true;
      if (r.type == q.type || (r.type == dns::RrType::cname && q.type != dns::RrType::cname)) {
        answer.records.push_back(r);
      }
    }
    answer.outcome = !answer.records.empty() ? dns::Outcome::noerror
                     : exists               ? dns::Outcome::nodata
                                            : dns::Outcome::nxdomain;
    if (answer.records.empty()) answer.negative_ttl = 30;
    return answer;
  }

  std::vector<dns::Record> records_;
  std::map<std::string, dns::Outcome> failures_;
};

} // namespace sipfo::test
