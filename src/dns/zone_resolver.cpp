// Answers from loaded zones the way NSD 4.6 answers when loaded with the same
// files (RFC 1034 4.3.2, RFC 4592 wildcards, RFC 2308 negative TTLs, RFC 6604
// CNAME chains), so offline and live runs report the same outcome.

#include "sipfo/dns/zone.hpp"

#include "zone_index.hpp"
#include "zone_lookup.hpp"
#include "zone_message_size.hpp"
#include "zone_name.hpp"

#include <optional>
#include <unordered_set>

namespace sipfo::dns {

namespace {

constexpr std::size_t max_cname_chain = 64; // a bound on top of the loop check
constexpr std::size_t max_udp_message = 512; // RFC 1035 4.2.1, no EDNS

Labels cname_target(const Record& cname)
{
  const auto* target = std::get_if<NameData>(&cname.data);
  auto name = read_name(target != nullptr ? target->name : std::string("."));
  return name.error.empty() ? std::move(name.labels) : Labels{};
}

constexpr std::size_t no_zone = std::string::npos;

// The zone with the longest origin at or above `name`, or no_zone (REFUSED).
// (`auto`: the resolver's index type is private to it.)
std::size_t best_zone(const auto& indexes, const Labels& name)
{
  std::size_t best = no_zone;
  for (std::size_t i = 0; i < indexes.size(); ++i) {
    if (!is_at_or_below(name, indexes[i].apex)) continue;
    if (best == no_zone || indexes[i].apex.size() > indexes[best].apex.size()) best = i;
  }
  return best;
}

// What following a name through the zones gave.
struct Walk {
  Outcome outcome = Outcome::noerror;
  std::optional<std::uint32_t> negative_ttl;
  std::vector<Record> records; // the answer section
};

// The outcome once the walk stops at `found` (the CNAMEs so far are in `walk`),
// as NSD answers: RFC 6604 for chains, RFC 2308 for the negative TTL.
void conclude(Walk& walk, NameLookup& found, std::optional<std::uint32_t> negative_ttl)
{
  using Kind = NameLookup::Kind;
  switch (found.kind) {
  case Kind::data:
    walk.outcome = Outcome::noerror;
    walk.records.insert(walk.records.end(), found.records.begin(), found.records.end());
    break;
  case Kind::cname: // a loop: every CNAME is in the answer already; NSD sends no SOA
    walk.outcome = Outcome::noerror;
    break;
  case Kind::referral: // NOERROR, NS in authority: c-ares reports ENODATA unless CNAMEs came first
    walk.outcome = walk.records.empty() ? Outcome::nodata : Outcome::noerror;
    break;
  case Kind::nodata:
  case Kind::nxdomain:
    walk.outcome = found.kind == Kind::nodata ? Outcome::nodata : Outcome::nxdomain;
    walk.negative_ttl = negative_ttl;
    break;
  }
}

// Looks `name` up from `zone` on, following CNAMEs into any zone held (RFC 1034
// 4.3.2 step 3a); a chain that leaves the zones ends NOERROR with its CNAMEs.
Walk walk_zones(const std::vector<Zone>& zones, const auto& indexes, Labels name, RrType type, std::size_t zone)
{
  Walk walk;
  std::unordered_set<std::string> followed; // names whose CNAME is in the answer
  while (true) {
    auto found = lookup_name(zones[zone], indexes[zone], name, type);
    const bool follow = found.kind == NameLookup::Kind::cname && followed.size() < max_cname_chain &&
                        followed.insert(name_key(name)).second;
    if (!follow) {
      conclude(walk, found, indexes[zone].negative_ttl);
      return walk;
    }
    walk.records.push_back(std::move(found.records.front()));
    name = cname_target(walk.records.back());
    zone = best_zone(indexes, name);
    if (zone == no_zone) return walk; // the client asks on elsewhere
  }
}

} // namespace

ZoneResolver::ZoneResolver(std::vector<Zone> zones) : zones_(std::move(zones))
{
  indexes_.reserve(zones_.size());
  for (const auto& zone : zones_) indexes_.emplace_back(zone);
}

ZoneResolver::~ZoneResolver() = default;

std::vector<Answer> ZoneResolver::resolve(std::span<const Question> questions)
{
  std::vector<Answer> answers;
  answers.reserve(questions.size());
  for (const auto& question : questions) answers.push_back(answer(question));
  return answers;
}

std::string ZoneResolver::describe() const
{
  std::string text = "zone ";
  for (std::size_t i = 0; i < zones_.size(); ++i) text += (i > 0 ? ", " : "") + zones_[i].file;
  return text;
}

Answer ZoneResolver::answer(const Question& question) const
{
  Answer answer;
  answer.question = question;
  answer.carrier = Carrier::zone;
  answer.outcome = Outcome::refused;
  answer.source = describe().substr(std::string_view("zone ").size());
  const auto asked = read_name(absolute_name(question.name));
  const Labels name = asked.error.empty() ? asked.labels : Labels{};
  const auto zone = asked.error.empty() ? best_zone(indexes_, name) : no_zone;
  if (zone != no_zone) {
    answer.source = zones_[zone].file;
    auto walk = walk_zones(zones_, indexes_, name, question.type, zone);
    answer.outcome = walk.outcome;
    answer.negative_ttl = walk.negative_ttl;
    answer.records = std::move(walk.records);
  }
  MessageSize size(name);
  for (const auto& record : answer.records) size.add(record);
  answer.size = size.bytes();
  answer.truncated = answer.size > max_udp_message;
  return answer;
}

} // namespace sipfo::dns
