#include "probe_targets.hpp"

#include "sipfo/handset/server_setting.hpp"
#include "sipfo/util/input_error.hpp"
#include "sipfo/util/ip_literal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace sipfo::cli {

namespace {

// Bounds a targets file so a wrong file (a log, /dev/zero) cannot exhaust memory.
constexpr std::size_t max_line_length = 1024;
constexpr std::size_t max_targets = 100'000;

constexpr std::size_t max_lines = 1'000'000;

// std::getline, but it stops one byte past max_line_length, so a file with no
// line end (/dev/zero) cannot grow the line without bound. False at the end.
bool read_bounded_line(std::istream& in, std::string& line)
{
  line.clear();
  std::istream::int_type c = 0;
  while ((c = in.get()) != std::istream::traits_type::eof()) {
    if (c == '\n') return true;
    line += static_cast<char>(c);
    if (line.size() > max_line_length) return true;
  }
  return !line.empty();
}

// The line without its comment and surrounding blanks.
std::string_view target_text(std::string_view line)
{
  if (const auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
  const auto first = line.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = line.find_last_not_of(" \t\r");
  return line.substr(first, last - first + 1);
}

handset::Candidate entry_candidate(const TargetEntry& entry, int rank, std::string address)
{
  handset::Candidate c;
  const auto transport = entry.spec.transport.value_or(sip::Transport::udp);
  c.address = std::move(address);
  c.transport = transport;
  c.port = entry.spec.port.value_or(sip::default_port(transport));
  c.rank = rank;
  c.priority = 1; // not from SRV (CS-18-09)
  c.target = entry.spec.host;
  c.origin = entry.spec.host_is_ip ? handset::Origin::literal : handset::Origin::a;
  return c;
}

// The addresses of a --target host name: A first (what the handsets ask), then AAAA.
void add_name_candidates(const TargetEntry& entry, int rank, dns::Resolver& resolver, handset::Resolution& out)
{
  const std::string name = dns::absolute_name(entry.spec.host);
  const std::vector<dns::Question> questions{{name, dns::RrType::a}, {name, dns::RrType::aaaa}};
  const auto answers = resolver.resolve(questions);
  std::vector<std::string> outcomes;
  std::size_t found = 0;
  for (const auto& answer : answers) {
    out.queries.push_back({answer, fmt::format("address of --target {}", entry.text), handset::Asker::sipfo});
    outcomes.push_back(fmt::format("{} {}", dns::rr_type_name(answer.question.type), dns::outcome_name(answer.outcome)));
    for (const auto& record : answer.data()) {
      if (const auto* address = std::get_if<dns::AddressData>(&record.data)) {
        out.candidates.push_back(entry_candidate(entry, rank, address->address));
        ++found;
      }
    }
  }
  if (found > 0) return;
  // Counted all the same (design §4): a candidate without an address, which
  // the engine reports as unknown and does not probe.
  out.candidates.push_back(entry_candidate(entry, rank, ""));
  const bool missing = std::all_of(answers.begin(), answers.end(),
                                   [](const dns::Answer& a) { return a.outcome == dns::Outcome::nxdomain; });
  out.findings.push_back(handset::make_finding(
    missing ? handset::FindingCode::name_missing : handset::FindingCode::no_address,
    fmt::format("--target {}: no address for {} ({}); it was not probed", entry.text, entry.spec.host,
                fmt::join(outcomes, ", ")),
    name));
}

} // namespace

std::vector<TargetEntry> parse_target_options(std::span<const std::string> texts)
{
  std::vector<TargetEntry> entries;
  for (const auto& text : texts) entries.push_back({text, probe::parse_target_spec(text)});
  return entries;
}

std::vector<TargetEntry> read_targets_file(const std::string& path)
{
  // getline() on a device such as /dev/zero never finds a newline: refuse it
  // before reading (pipes and FIFOs end; regular files are bounded below).
  std::error_code type_error;
  const auto type = std::filesystem::status(path, type_error).type();
  if (type == std::filesystem::file_type::character || type == std::filesystem::file_type::block) {
    throw util::InputError(path, "is a device, not a targets file", "write one HOST[:PORT][/udp|tcp|tls] a line");
  }
  if (path == "-") return read_targets(std::cin, "standard input"); // as parse-log's -
  std::ifstream in(path);
  if (!in) throw util::InputError(path, "cannot read the targets file", "check the path and its permissions");
  return read_targets(in, path);
}

std::vector<TargetEntry> read_targets(std::istream& in, const std::string& path)
{
  std::vector<TargetEntry> entries;
  std::string line;
  for (std::size_t number = 1; read_bounded_line(in, line); ++number) {
    const std::string where = fmt::format("{}:{}", path, number);
    if (line.size() > max_line_length) {
      throw util::InputError(where, fmt::format("line longer than {} bytes", max_line_length),
                             "write one HOST[:PORT][/udp|tcp|tls] a line");
    }
    if (number > max_lines) {
      throw util::InputError(where, fmt::format("more than {} lines", max_lines), "is this a targets file?");
    }
    const std::string text(target_text(line));
    if (text.empty()) continue;
    if (entries.size() == max_targets) {
      throw util::InputError(where, fmt::format("more than {} targets", max_targets), "split the file");
    }
    try {
      entries.push_back({text, probe::parse_target_spec(text)});
    } catch (const util::InputError& error) {
      // parse_target_spec names the option; here the file line says where.
      if (entries.empty()) {
        // Nothing read yet: perhaps not a targets file at all (--targets-file
        // /etc/shadow). Quote nothing of it.
        throw util::InputError(where, "not a targets file: this line is not HOST[:PORT][/udp|tcp|tls]",
                               "write one target a line, '#' starts a comment");
      }
      std::string what = error.what_is_wrong();
      if (what.starts_with("--target ")) what = "target " + what.substr(9);
      throw util::InputError(where, what, error.hint());
    }
  }
  if (in.bad()) throw util::InputError(path, "read error in the targets file", "check the file");
  if (entries.empty()) {
    throw util::InputError(path, "the targets file holds no target", "write one HOST[:PORT][/udp|tcp|tls] a line");
  }
  return entries;
}

bool needs_dns(std::span<const TargetEntry> entries) noexcept
{
  return std::any_of(entries.begin(), entries.end(), [](const TargetEntry& e) { return !e.spec.host_is_ip; });
}

handset::Resolution resolve_target_entries(std::span<const TargetEntry> entries, dns::Resolver* resolver)
{
  handset::Resolution out;
  out.rank_style = handset::RankStyle::try_order;
  int rank = 0;
  for (const auto& entry : entries) {
    ++rank;
    if (entry.spec.host_is_ip) {
      out.candidates.push_back(entry_candidate(entry, rank, entry.spec.host));
    } else if (resolver != nullptr) {
      add_name_candidates(entry, rank, *resolver, out);
    }
  }
  return out;
}

std::vector<probe::Target> probe_targets(const handset::Resolution& resolution)
{
  std::vector<probe::Target> targets;
  for (const auto& c : resolution.candidates) {
    probe::Target target;
    target.endpoint = {handset::strip_brackets(c.address), c.port, c.transport};
    target.rank = c.rank;
    target.priority = c.priority;
    std::string name = c.target;
    if (!name.empty() && name.back() == '.') name.pop_back();
    if (c.origin != handset::Origin::literal && !util::is_ip_literal(name, util::Brackets::allowed)) target.server_name = name;
    targets.push_back(std::move(target));
  }
  return targets;
}

} // namespace sipfo::cli
