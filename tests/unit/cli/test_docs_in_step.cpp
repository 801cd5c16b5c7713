// The CLI, the man pages and the completions say the same thing: this walks the
// CLI11 tree and fails when an option, a subcommand, a profile or a finding code
// is missing from a man page or a completion file, or when a completion offers an
// option that does not exist.

#include "cli/command.hpp"

#include "sipfo/handset/finding.hpp"
#include "sipfo/handset/profile.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace {

std::string read_file(const std::string& relative)
{
  std::ifstream in(std::string(SIPFO_SOURCE_DIR) + "/" + relative);
  REQUIRE_MESSAGE(in.good(), relative << " is missing");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Man pages escape hyphens ("\-"); fonts are switched with \fB, \fR, \fI, \fP.
std::string man_text(const std::string& relative)
{
  std::string text = read_file(relative);
  text = std::regex_replace(text, std::regex(R"(\\f[BIRP])"), "");
  text = std::regex_replace(text, std::regex(R"(\\-)"), "-");
  return text;
}

bool contains(const std::string& haystack, const std::string& needle)
{
  return haystack.find(needle) != std::string::npos;
}

struct CliTree {
  sipfo::cli::Context context;
  CLI::App app{"sipfo"};
  CliTree() { sipfo::cli::build_app(app, context); }
};

std::vector<std::string> long_options(const CLI::App& command)
{
  std::vector<std::string> out;
  for (const auto* option : command.get_options()) {
    for (const auto& name : option->get_lnames()) {
      if (name != "help") out.push_back("--" + name);
    }
  }
  return out;
}

const std::vector<std::string> completion_files{"completions/sipfo.bash", "completions/_sipfo",
                                                "completions/sipfo.fish"};

std::string in_completion(const std::string& file, const std::string& option)
{
  // fish names long options as "-l name".
  return file.ends_with(".fish") ? "-l " + option.substr(2) : option;
}

} // namespace

TEST_CASE("docs: every subcommand and option is in the man pages and completions")
{
  CliTree cli;
  const auto main_page = man_text("man/sipfo.1");
  for (const auto& option : long_options(cli.app)) {
    CHECK_MESSAGE(contains(main_page, option), option << " missing from man/sipfo.1");
    for (const auto& file : completion_files) {
      CHECK_MESSAGE(contains(read_file(file), in_completion(file, option)), option << " missing from " << file);
    }
  }
  for (const auto* command : cli.app.get_subcommands({})) {
    const auto name = command->get_name();
    CHECK_MESSAGE(contains(main_page, ".B " + name), name << " not described in man/sipfo.1");
    // Small commands (sources, findings) are documented in sipfo(1) itself.
    const bool own_page = std::ifstream(std::string(SIPFO_SOURCE_DIR) + "/man/sipfo-" + name + ".1").good();
    const auto page = own_page ? man_text("man/sipfo-" + name + ".1") : main_page;
    for (const auto& file : completion_files) {
      CHECK_MESSAGE(contains(read_file(file), name), "subcommand " << name << " missing from " << file);
    }
    for (const auto& option : long_options(*command)) {
      CHECK_MESSAGE(contains(page, option), option << " missing from the man page of " << name);
      for (const auto& file : completion_files) {
        CHECK_MESSAGE(contains(read_file(file), in_completion(file, option)),
                      name << " " << option << " missing from " << file);
      }
    }
  }
}

TEST_CASE("docs: completions offer no option the CLI does not have")
{
  CliTree cli;
  std::set<std::string> known{"--help"};
  for (const auto& option : long_options(cli.app)) known.insert(option);
  for (const auto* command : cli.app.get_subcommands({})) {
    for (const auto& option : long_options(*command)) known.insert(option);
  }
  const std::regex long_option(R"((?:^|[\s'"(])(--[a-z][a-z0-9-]*))");
  const std::regex fish_option(R"(-l ([a-z][a-z0-9-]*))");
  for (const auto& file : completion_files) {
    auto text = read_file(file);
    if (file.ends_with(".fish")) {
      // Only `complete` lines name options ("set -l" is a local variable).
      text = std::regex_replace(text, std::regex(R"((^|\n)(?!complete )[^\n]*)"), "$1");
    }
    const auto& pattern = file.ends_with(".fish") ? fish_option : long_option;
    for (std::sregex_iterator it(text.begin(), text.end(), pattern), end; it != end; ++it) {
      std::string option = (*it)[1];
      if (!option.starts_with("--")) option = "--" + option;
      CHECK_MESSAGE(known.count(option) == 1, file << " offers " << option << ", which sipfo does not have");
    }
  }
}

TEST_CASE("docs: the FINDINGS sections of sipfo-resolve(1) and sipfo-probe(1) are the finding registry")
{
  // resolve documents the DNS and settings findings, probe the SIP ones; each
  // code in exactly one of them, together the whole registry.
  std::set<std::string> documented;
  for (const std::string relative : {"man/sipfo-resolve.1", "man/sipfo-probe.1"}) {
    const auto page = man_text(relative);
    const auto start = page.find(".SH FINDINGS");
    REQUIRE_MESSAGE(start != std::string::npos, relative << " has no FINDINGS section");
    const auto section = page.substr(start, page.find(".SH ", start + 4) - start);
    const std::regex entry(R"(\.TP\n\.B ([a-z0-9_]+)\n([a-z]+):)");
    for (std::sregex_iterator it(section.begin(), section.end(), entry), end; it != end; ++it) {
      CHECK_MESSAGE(documented.insert((*it)[1]).second, (*it)[1] << " is documented twice");
      const auto& kind = sipfo::handset::finding_kind((*it)[1].str()); // throws for an unknown code
      CHECK_MESSAGE((*it)[2] == sipfo::handset::severity_name(kind.severity), (*it)[1] << " has the wrong severity");
    }
  }
  // parse-log's root causes have their own table (tests/unit/applog/test_root_cause.cpp).
  std::set<std::string> registered;
  for (const auto& kind : sipfo::handset::finding_kinds()) {
    if (kind.reported_by(sipfo::util::Reporter::resolve) || kind.reported_by(sipfo::util::Reporter::probe)) {
      registered.insert(std::string(kind.code));
    }
  }
  CHECK(documented == registered);
}

TEST_CASE("docs: every profile is in the man page and the completions")
{
  const auto page = man_text("man/sipfo-resolve.1");
  for (const auto& profile : sipfo::handset::profiles()) {
    const std::string id(profile.id);
    CHECK_MESSAGE(contains(page, ".SS " + id), id << " has no section in man/sipfo-resolve.1");
    for (const auto& file : completion_files) {
      CHECK_MESSAGE(contains(read_file(file), id), id << " missing from " << file);
    }
  }
}

TEST_CASE("docs: the FINDINGS section of sipfo-parse-pcap(1) is the registry's parse-pcap codes")
{
  const auto page = man_text("man/sipfo-parse-pcap.1");
  const auto start = page.find(".SH FINDINGS");
  REQUIRE_MESSAGE(start != std::string::npos, "man/sipfo-parse-pcap.1 has no FINDINGS section");
  const auto section = page.substr(start, page.find(".SH ", start + 4) - start);
  std::set<std::string> documented;
  const std::regex entry(R"(\.TP\n\.B ([a-z0-9_]+)\n([a-z]+):)");
  for (std::sregex_iterator it(section.begin(), section.end(), entry), end; it != end; ++it) {
    CHECK_MESSAGE(documented.insert((*it)[1]).second, (*it)[1] << " is documented twice");
    const auto& kind = sipfo::util::finding_kind((*it)[1].str()); // throws for an unknown code
    CHECK_MESSAGE((*it)[2] == sipfo::util::severity_name(kind.severity_in(sipfo::util::Reporter::parse_pcap)),
                  (*it)[1] << " has the wrong severity");
  }
  std::set<std::string> registered;
  for (const auto& kind : sipfo::util::finding_kinds()) {
    if (kind.reported_by(sipfo::util::Reporter::parse_pcap)) registered.insert(std::string(kind.code));
  }
  CHECK(documented == registered);
}
