#pragma once
// Asks DNS on a profile's behalf and records every question in the Resolution's
// trace, in the order the handset would ask. A CNAME chain that leaves the server's
// zones is followed by asking its end again, as a stub resolver would. A handset's
// static DNS cache (Yealink) is consulted before or after DNS, as configured.

#include "sipfo/dns/resolver.hpp"
#include "sipfo/handset/resolution.hpp"
#include "sipfo/handset/static_cache.hpp"

#include <string>
#include <vector>

namespace sipfo::handset {

// The logical answer to one question: the answers asked for it (the first, then
// one per CNAME hop that had to be asked separately) and the records at the end.
struct Lookup {
  dns::Question question;
  dns::Outcome outcome = dns::Outcome::timeout; // of the last answer in the chain
  std::vector<dns::Record> data;                // records of the asked type
  std::vector<dns::Record> cnames;              // every CNAME along the way
  std::optional<std::uint32_t> ttl;
  bool from_static_cache = false;

  bool has_data() const noexcept { return !data.empty(); }
};

class QueryTrace {
public:
  QueryTrace(dns::Resolver& resolver, Resolution& resolution, const StaticCache* static_cache = nullptr);

  Lookup ask(const dns::Question& question, std::string purpose, Asker asker = Asker::handset);
  // Independent questions, asked together (concurrently on a live resolver).
  std::vector<Lookup> ask_all(const std::vector<dns::Question>& questions, const std::vector<std::string>& purposes,
                              Asker asker = Asker::handset);

private:
  void ask_dns(std::vector<Lookup>& lookups, std::vector<std::size_t> pending, std::vector<dns::Question> asking,
               std::vector<std::string> why, Asker asker);
  bool answer_from_static(Lookup& lookup, const std::string& why);
  void report_cname_loop(Lookup& lookup, bool too_long);

  dns::Resolver& resolver_;
  Resolution& resolution_;
  const StaticCache* static_cache_;
};

} // namespace sipfo::handset
