// The master-file reader (RFC 1035 5, RFC 2308 4 for $TTL): entries from the
// lexer become records; directives change the origin, the default TTL, or read
// another file. After the last entry the zone is checked as a whole.

#include "sipfo/dns/zone.hpp"

#include "zone_field.hpp"
#include "zone_file.hpp"
#include "zone_lexer.hpp"
#include "zone_name.hpp"
#include "zone_presentation.hpp"
#include "zone_rdata.hpp"

#include "sipfo/util/input_error.hpp"
#include "sipfo/util/suggest.hpp"

#include <fmt/format.h>

#include <array>
#include <optional>
#include <unordered_map>

namespace sipfo::dns {

namespace {

constexpr std::size_t max_include_depth = 8;    // files nested by $INCLUDE
constexpr std::size_t max_included_files = 256; // $INCLUDEs read for one zone

constexpr std::array<std::string_view, 10> known_types{"A",   "AAAA", "CNAME", "MX",  "NAPTR",
                                                       "NS",  "PTR",  "SOA",   "SRV", "TXT"};
constexpr std::array<std::string_view, 3> known_directives{"$ORIGIN", "$TTL", "$INCLUDE"};

// Where a record was read, for checks made once the whole zone is read.
struct RecordSource {
  std::size_t file = 0; // index into the parser's file names
  std::size_t line = 0;
};

// What an $INCLUDE restores when its file ends (RFC 1035 5.1).
struct Scope {
  std::optional<Labels> origin;
  std::optional<Labels> previous_owner;
};

bool starts_with_digit(std::string_view text)
{
  return !text.empty() && text.front() >= '0' && text.front() <= '9';
}

// IN, CH, CS, HS, NONE, ANY or CLASSnnn (RFC 3597 5).
bool is_class_mnemonic(std::string_view text)
{
  for (std::string_view name : {"IN", "CH", "CS", "HS", "NONE", "ANY"}) {
    if (util::iequals(text, name)) return true;
  }
  return text.size() > 5 && util::iequals(text.substr(0, 5), "CLASS") &&
         text.find_first_not_of("0123456789", 5) == std::string_view::npos;
}

bool is_internet_class(std::string_view text)
{
  return util::iequals(text, "IN") || util::iequals(text, "CLASS1");
}

RrType read_type(const ZoneToken& token, const FieldContext& context)
{
  if (const auto type = token.quoted ? std::nullopt : rr_type_from_name(token.text)) return *type;
  const auto guess = util::closest_match(token.text, known_types);
  throw util::InputError(context.where, fmt::format("unknown record type '{}'", text_for_message(token.text)),
                         guess ? fmt::format("did you mean {}?", *guess)
                               : std::string("sipfo reads A, AAAA, CNAME, MX, NAPTR, NS, PTR, SOA, SRV, TXT and the common others (CAA, DS, ...); "
                                             "write other types as TYPEnnn \\# length hex (RFC 3597)"));
}

// A line that reads as a zone entry even when it has a mistake: a $directive,
// or a class or record type among its fields ("@ IN SAO ..." is a zone line
// with a typo; "root:$6$...:19000::" and "root ALL=(ALL) ALL" are not).
bool resembles_zone_entry(const ZoneEntry& entry)
{
  for (std::size_t i = 0; i < entry.tokens.size(); ++i) {
    const auto& token = entry.tokens[i];
    if (token.quoted) continue;
    if (i == 0 && !entry.blank_owner && token.text.starts_with('$')) return true;
    if (is_class_mnemonic(token.text) || rr_type_from_name(token.text)) return true;
  }
  return false;
}

class ZoneParser {
public:
  explicit ZoneParser(std::optional<Labels> origin) { scope_.origin = std::move(origin); }

  void read_text(std::string_view text, const std::string& file, std::size_t depth);
  Zone finish(const std::string& file);

private:
  void read_entry(const ZoneEntry& entry, std::size_t file, std::size_t depth);
  void read_directive(const ZoneEntry& entry, const FieldContext& context, std::size_t file, std::size_t depth);
  void read_include(const ZoneEntry& entry, const FieldContext& context, std::size_t file, std::size_t depth);
  void read_record(const ZoneEntry& entry, const FieldContext& context, std::size_t file);
  Labels read_owner(const ZoneEntry& entry, const FieldContext& context) const;
  std::uint32_t default_ttl(RrType type, const Rdata& rdata, const FieldContext& context) const;
  void note_soa(const Labels& owner, const Rdata& rdata, const FieldContext& context, RecordSource source);
  std::string where(RecordSource source) const;
  void check_in_zone() const;
  void check_cname_alone() const;

  Scope scope_;
  std::optional<std::uint32_t> default_ttl_; // $TTL
  std::optional<SoaData> soa_;
  Labels apex_;
  RecordSource soa_source_;
  std::vector<std::string> files_;
  std::vector<Record> records_;
  std::vector<Labels> owners_;        // parallel to records_
  std::vector<RecordSource> sources_; // parallel to records_
  std::size_t included_ = 0;
  std::size_t bytes_read_ = 0; // all files' text so far, bounded by max_zone_file_bytes
};

std::string ZoneParser::where(RecordSource source) const
{
  return fmt::format("{}:{}", files_[source.file], source.line);
}

void ZoneParser::read_text(std::string_view text, const std::string& file, std::size_t depth)
{
  bytes_read_ += text.size();
  files_.push_back(file);
  const std::size_t index = files_.size() - 1;
  ZoneLexer lexer(text, file);
  bool zone_seen = false; // an entry of this file was read: it is a zone file
  while (const auto entry = lexer.next()) {
    try {
      read_entry(*entry, index, depth);
    } catch (const util::InputError&) {
      if (zone_seen || resembles_zone_entry(*entry)) throw;
      // `--zone /etc/shadow` (or $INCLUDE, a scenario's zone = "...") must not
      // print the file's first line: name the line, quote nothing from it.
      throw util::InputError(where({index, entry->line}),
                             "not a zone file: this line is neither a resource record nor a directive",
                             "give an RFC 1035 master file (RFC 1035 5.1)");
    }
    zone_seen = true;
  }
}

void ZoneParser::read_entry(const ZoneEntry& entry, std::size_t file, std::size_t depth)
{
  const FieldContext context{where({file, entry.line}), scope_.origin ? &*scope_.origin : nullptr};
  const auto& first = entry.tokens.front();
  if (!entry.blank_owner && !first.quoted && first.text.starts_with('$')) {
    read_directive(entry, context, file, depth);
  } else {
    read_record(entry, context, file);
  }
}

void ZoneParser::read_directive(const ZoneEntry& entry, const FieldContext& context, std::size_t file,
                                std::size_t depth)
{
  const auto& name = entry.tokens.front().text;
  if (util::iequals(name, "$INCLUDE")) return read_include(entry, context, file, depth);
  const bool origin = util::iequals(name, "$ORIGIN");
  if (!origin && !util::iequals(name, "$TTL")) {
    const auto guess = util::closest_match(name, known_directives);
    throw util::InputError(context.where, fmt::format("unknown directive {}", text_for_message(name)),
                           guess ? fmt::format("did you mean {}?", *guess)
                                 : std::string("sipfo reads $ORIGIN, $TTL and $INCLUDE; write other lines out"));
  }
  if (entry.tokens.size() != 2) {
    throw util::InputError(context.where,
                           fmt::format("{} needs one value; got {}", origin ? "$ORIGIN" : "$TTL", entry.tokens.size() - 1),
                           origin ? "write: $ORIGIN eslab.local." : "write: $TTL 3600");
  }
  if (origin) {
    scope_.origin = read_domain_name(entry.tokens[1], context, "$ORIGIN");
  } else {
    default_ttl_ = read_ttl(entry.tokens[1], context, "$TTL");
  }
}

void ZoneParser::read_include(const ZoneEntry& entry, const FieldContext& context, std::size_t file,
                              std::size_t depth)
{
  if (entry.tokens.size() < 2 || entry.tokens.size() > 3) {
    throw util::InputError(context.where,
                           fmt::format("$INCLUDE needs a file name and an optional origin; got {} fields",
                                       entry.tokens.size() - 1),
                           "write: $INCLUDE sip.records eslab.local.");
  }
  if (depth + 1 >= max_include_depth || ++included_ > max_included_files) {
    throw util::InputError(context.where,
                           fmt::format("too many $INCLUDEs (at most {} deep, {} in all)", max_include_depth,
                                       max_included_files),
                           "check for a file that includes itself");
  }
  const auto name = read_character_string(entry.tokens[1], context, "$INCLUDE file");
  const std::filesystem::path path(name);
  const auto resolved = path.is_absolute() ? path : std::filesystem::path(files_[file]).parent_path() / path;
  Scope saved = scope_;
  if (entry.tokens.size() == 3) scope_.origin = read_domain_name(entry.tokens[2], context, "$INCLUDE origin");
  const auto budget = bytes_read_ < max_zone_file_bytes ? max_zone_file_bytes - bytes_read_ : 0;
  const auto text = read_zone_text(resolved, context.where, budget);
  read_text(text, resolved.string(), depth + 1);
  scope_ = std::move(saved);
}

Labels ZoneParser::read_owner(const ZoneEntry& entry, const FieldContext& context) const
{
  if (!entry.blank_owner) return read_domain_name(entry.tokens.front(), context, "owner");
  if (!scope_.previous_owner) {
    throw util::InputError(context.where, "record has no owner",
                           "a line starting with white space repeats the previous owner, and there is none yet");
  }
  return *scope_.previous_owner;
}

void ZoneParser::read_record(const ZoneEntry& entry, const FieldContext& context, std::size_t file)
{
  const auto& tokens = entry.tokens;
  Labels owner = read_owner(entry, context);
  std::size_t i = entry.blank_owner ? 0 : 1;
  std::optional<std::uint32_t> ttl;
  bool has_class = false;
  for (; i < tokens.size() && !tokens[i].quoted; ++i) {
    if (!ttl && starts_with_digit(tokens[i].text)) {
      ttl = read_ttl(tokens[i], context, "TTL");
    } else if (!has_class && is_class_mnemonic(tokens[i].text)) {
      if (!is_internet_class(tokens[i].text)) {
        throw util::InputError(context.where, fmt::format("class {} is not supported", tokens[i].text),
                               "sipfo reads Internet zones: write IN or leave the class out");
      }
      has_class = true;
    } else {
      break;
    }
  }
  if (i >= tokens.size()) {
    throw util::InputError(context.where, "record has no type", "write: piper 36 IN A 10.0.0.1");
  }
  const auto type = read_type(tokens[i], context);
  Rdata rdata = read_rdata(type, std::span(tokens).subspan(i + 1), context);
  const RecordSource source{file, entry.line};
  if (type == RrType::soa) note_soa(owner, rdata, context, source);
  const auto record_ttl = ttl ? *ttl : default_ttl(type, rdata, context);
  records_.push_back(Record{name_text(owner), type, record_ttl, std::move(rdata)});
  sources_.push_back(source);
  scope_.previous_owner = owner;
  owners_.push_back(std::move(owner));
}

// RFC 2308 4: $TTL; without it 3600 s, what NSD 4.6 and Knot (default-ttl)
// give a record that states none (measured against NSD 4.6.1 on Debian 12).
std::uint32_t ZoneParser::default_ttl(RrType, const Rdata&, const FieldContext&) const
{
  constexpr std::uint32_t server_default_ttl = 3600;
  return default_ttl_.value_or(server_default_ttl);
}

void ZoneParser::note_soa(const Labels& owner, const Rdata& rdata, const FieldContext& context, RecordSource source)
{
  if (soa_) {
    throw util::InputError(context.where, "second SOA record",
                           fmt::format("a zone has one SOA, at its apex; the first is at {}", where(soa_source_)));
  }
  soa_ = std::get<SoaData>(rdata);
  apex_ = owner;
  soa_source_ = source;
}

void ZoneParser::check_in_zone() const
{
  for (std::size_t i = 0; i < records_.size(); ++i) {
    if (is_at_or_below(owners_[i], apex_)) continue;
    const auto apex = name_text(apex_);
    throw util::InputError(where(sources_[i]),
                           fmt::format("{} is outside the zone {}", text_for_message(records_[i].owner), apex),
                           fmt::format("names here must end in {}; a name without a trailing dot is relative to "
                                       "$ORIGIN",
                                       apex));
  }
}

// RFC 1034 3.6.2 (and RFC 2181 10.1): a CNAME is the only record at its name.
void ZoneParser::check_cname_alone() const
{
  struct Seen {
    std::optional<std::size_t> cname;
    std::optional<std::size_t> other;
  };
  std::unordered_map<std::string, Seen> seen;
  for (std::size_t i = 0; i < records_.size(); ++i) {
    auto& at = seen[name_key(owners_[i])];
    const bool cname = records_[i].type == RrType::cname;
    const auto& earlier = cname ? (at.cname ? at.cname : at.other) : at.cname;
    if (earlier) {
      throw util::InputError(where(sources_[i]),
                             fmt::format("{} has a CNAME and other records", text_for_message(records_[i].owner)),
                             fmt::format("a CNAME must be the only record at its name (RFC 1034 3.6.2); the other "
                                         "record is at {}",
                                         where(sources_[*earlier])));
    }
    (cname ? at.cname : at.other) = i;
  }
}

Zone ZoneParser::finish(const std::string& file)
{
  if (!soa_) {
    throw util::InputError(file, "no SOA record",
                           "a zone file needs the SOA of its apex, e.g. '@ 3600 IN SOA ns1 hostmaster 1 3600 600 "
                           "86400 36'");
  }
  check_in_zone();
  check_cname_alone();
  return Zone{name_text(apex_), file, std::move(records_)};
}

} // namespace

Zone parse_zone(std::string_view text, const std::string& file, std::string origin)
{
  std::optional<Labels> start;
  if (!origin.empty()) {
    auto name = read_name(origin);
    if (!name.error.empty()) throw util::InputError(file, fmt::format("origin: {}", name.error));
    start = std::move(name.labels);
  }
  ZoneParser parser(std::move(start));
  parser.read_text(text, file, 0);
  return parser.finish(file);
}

Zone read_zone_file(const std::filesystem::path& path, std::string origin)
{
  const auto text = read_zone_text(path, "");
  return parse_zone(text, path.string(), std::move(origin));
}

} // namespace sipfo::dns
