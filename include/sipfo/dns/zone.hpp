#pragma once
// RFC 1035 master files: a zone loaded from disk, and a Resolver that answers from
// loaded zones exactly as an authoritative server loaded with the same files would.

#include "sipfo/dns/resolver.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace sipfo::dns {

struct Zone {
  std::string origin;          // the apex, absolute ("eslab.local.")
  std::string file;            // where it was read from, for messages
  std::vector<Record> records; // in file order
};

// Reads a master file: $ORIGIN, $TTL, $INCLUDE, @, relative names, blank owners,
// parentheses, comments, quoted strings, TTL and class in either order, TTL units
// (1h30m). Types A, AAAA, CNAME, SRV, NAPTR, SOA, NS, PTR, MX, TXT, and RFC 3597
// TYPEnnn. `origin` is the starting $ORIGIN; when empty, the file must set one or
// name its SOA absolutely. Throws util::InputError naming FILE:LINE on bad input.
Zone parse_zone(std::string_view text, const std::string& file, std::string origin = {});
Zone read_zone_file(const std::filesystem::path& path, std::string origin = {});

// Answers from zones as NSD or Knot would (RFC 1034 4.3.2): NOERROR, NODATA (also
// for empty non-terminals), NXDOMAIN with the SOA's negative TTL (RFC 2308), CNAME
// chains followed inside the zones held, wildcards, REFUSED outside all zones.
// `truncated` is set when the answer would not fit a 512-byte UDP message, so
// offline and live runs report the same thing.
class ZoneResolver : public Resolver {
public:
  explicit ZoneResolver(std::vector<Zone> zones);
  ~ZoneResolver() override;

  std::vector<Answer> resolve(std::span<const Question> questions) override;
  std::string describe() const override;

  Answer answer(const Question& question) const;

private:
  struct Index;
  std::vector<Zone> zones_;
  std::vector<Index> indexes_;
};

} // namespace sipfo::dns
