// sipfo_dns_query [-s ADDR[:PORT]]... [-t TIMEOUT_MS] TYPE NAME [TYPE NAME]...
//
// Asks the questions through sipfo's c-ares resolver (all at once, as one
// resolve() call) and prints each answer as the resolver returns it: outcome,
// carrier, truncation, time, size, source, negative TTL and the records. For
// checking the resolver by hand against a real server and for timing it without
// the profile logic on top. Types: A AAAA CNAME NS SOA SRV NAPTR MX TXT PTR.

#include "sipfo/dns/ares_resolver.hpp"
#include "sipfo/util/input_error.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace {

using namespace sipfo::dns;

struct TypeName {
  std::string_view name;
  RrType type;
};
constexpr TypeName type_names[] = {
  {"A", RrType::a},     {"AAAA", RrType::aaaa},   {"CNAME", RrType::cname}, {"NS", RrType::ns},
  {"SOA", RrType::soa}, {"SRV", RrType::srv},     {"NAPTR", RrType::naptr}, {"MX", RrType::mx},
  {"TXT", RrType::txt}, {"PTR", RrType::ptr},
};

std::string type_text(RrType type)
{
  for (const auto& entry : type_names) {
    if (entry.type == type) return std::string(entry.name);
  }
  return fmt::format("TYPE{}", static_cast<unsigned>(type));
}

const char* outcome_text(Outcome outcome)
{
  switch (outcome) {
  case Outcome::noerror: return "NOERROR";
  case Outcome::nodata: return "NODATA";
  case Outcome::nxdomain: return "NXDOMAIN";
  case Outcome::servfail: return "SERVFAIL";
  case Outcome::refused: return "REFUSED";
  case Outcome::timeout: return "TIMEOUT";
  case Outcome::unreachable: return "UNREACHABLE";
  case Outcome::malformed: return "MALFORMED";
  }
  return "?";
}

std::string rdata_text(const Rdata& data)
{
  return std::visit(
    [](const auto& d) -> std::string {
      using T = std::decay_t<decltype(d)>;
      if constexpr (std::is_same_v<T, AddressData>) return d.address;
      if constexpr (std::is_same_v<T, NameData>) return d.name;
      if constexpr (std::is_same_v<T, SrvData>) return fmt::format("{} {} {} {}", d.priority, d.weight, d.port, d.target);
      if constexpr (std::is_same_v<T, NaptrData>)
        return fmt::format("{} {} \"{}\" \"{}\" \"{}\" {}", d.order, d.preference, d.flags, d.service, d.regexp,
                           d.replacement);
      if constexpr (std::is_same_v<T, SoaData>)
        return fmt::format("{} {} {} {} {} {} {}", d.mname, d.rname, d.serial, d.refresh, d.retry, d.expire, d.minimum);
      if constexpr (std::is_same_v<T, OpaqueData>) return d.text;
    },
    data);
}

void print(const Answer& answer)
{
  std::string negative = answer.negative_ttl ? fmt::format(", negative TTL {}", *answer.negative_ttl) : "";
  std::string elapsed = answer.elapsed ? fmt::format("{:.1f} ms", answer.elapsed->count() / 1000.0) : "-";
  fmt::print(";; {} {}: {} via {}{} from {} in {}, {} B{}\n", type_text(answer.question.type), answer.question.name,
             outcome_text(answer.outcome), answer.carrier == Carrier::tcp ? "TCP" : "UDP",
             answer.truncated ? " (UDP answer truncated)" : "", answer.source, elapsed, answer.size, negative);
  for (const auto& record : answer.records) {
    fmt::print("{} {} IN {} {}\n", record.owner, record.ttl, type_text(record.type), rdata_text(record.data));
  }
}

std::optional<RrType> parse_type(std::string_view text)
{
  for (const auto& entry : type_names) {
    if (entry.name == text) return entry.type;
  }
  return std::nullopt;
}

[[noreturn]] void usage()
{
  std::fprintf(stderr, "usage: sipfo_dns_query [-s ADDR[:PORT]]... [-t TIMEOUT_MS] TYPE NAME [TYPE NAME]...\n");
  std::exit(3);
}

} // namespace

int main(int argc, char** argv)
{
  AresOptions options;
  std::vector<Question> questions;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if ((arg == "-s" || arg == "-t") && i + 1 < argc) {
      if (arg == "-s") options.servers.emplace_back(argv[++i]);
      else options.timeout = std::chrono::milliseconds(std::atol(argv[++i]));
    } else if (auto type = parse_type(arg); type && i + 1 < argc) {
      questions.push_back(Question{argv[++i], *type});
    } else {
      usage();
    }
  }
  if (questions.empty()) usage();
  try {
    auto resolver = make_ares_resolver(options);
    fmt::print(";; {}\n", resolver->describe());
    for (const auto& answer : resolver->resolve(questions)) print(answer);
  } catch (const sipfo::util::InputError& error) {
    std::fprintf(stderr, "sipfo_dns_query: %s\n", error.what());
    return 3;
  }
}
