#pragma once
// Where `sipfo probe` gets its targets (design §4): the candidates of a
// resolved SPEC, or explicit `--target HOST[:PORT][/udp|tcp|tls]` entries and
// the lines of `--targets-file`, which skip NAPTR and SRV.

#include "sipfo/dns/resolver.hpp"
#include "sipfo/handset/resolution.hpp"
#include "sipfo/probe/target.hpp"
#include "sipfo/probe/target_spec.hpp"

#include <istream>
#include <span>
#include <string>
#include <vector>

namespace sipfo::cli {

// One explicit target as written, and where (for error messages).
struct TargetEntry {
  std::string text;       // "10.0.0.1:5060/udp"
  probe::TargetSpec spec;
};

// --target values, in order. Throws util::InputError for a malformed one.
std::vector<TargetEntry> parse_target_options(std::span<const std::string> texts);

// --targets-file: one target a line; '#' starts a comment, blank lines are
// skipped, a trailing CR is dropped. Throws util::InputError "FILE:LINE: ..."
// for a bad line, "FILE: ..." when unreadable or holding no target.
std::vector<TargetEntry> read_targets_file(const std::string& path);
// The same over an open stream; `path` only names it in errors.
std::vector<TargetEntry> read_targets(std::istream& in, const std::string& path);

// True when some entry names a host that needs an address lookup.
bool needs_dns(std::span<const TargetEntry> entries) noexcept;

// The candidates of explicit targets, each entry ranked by its position: an IP
// as it is; a host name's A, then AAAA, addresses (asked through `resolver`,
// recorded as sipfo's own queries), all at the entry's rank. A name without an
// address is a finding, not an error, and a candidate with an empty address
// (design §4: every requested target counts; its status is unknown). `resolver` may be null when !needs_dns.
handset::Resolution resolve_target_entries(std::span<const TargetEntry> entries, dns::Resolver* resolver);

// What the probe engine needs of each candidate: endpoint, rank, priority and
// the host name TLS verifies and sends as SNI (none for a literal IP).
std::vector<probe::Target> probe_targets(const handset::Resolution& resolution);

} // namespace sipfo::cli
