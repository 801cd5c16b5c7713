// What a user reads cites documents a reader can look up (sipfo(1) SOURCES),
// never an internal tag: no "seed 000", "S001", "P-A4", "[D]", "(C3)" in the
// man pages, the completions, any --help, or any string in the sources (comments
// aside: they are for the developers, who have the notes).

#include "cli/command.hpp"
#include "cli/source_documents.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace {

namespace fs = std::filesystem;

const std::regex internal_tag{
  R"(seed 0\d\d|\bS00\d\b|\b(?:P|S84|Y|T)\\?-A\d|\[[DAO]\]|\((?:[CRQB]\d+)\)|\bUCS416\b|\bSL84\b|\bYAG\b|)"
  R"(\bSIP(?:31|22)\b|\bCX5500\b|\bTB5844\b|handset\\?-models|, [2-9]\.[0-9]\)|\((?:[2-9]\.[0-9])\))"};

std::string read_file(const fs::path& path)
{
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// The first internal tag in `text`, or "".
std::string first_tag(const std::string& text)
{
  std::smatch match;
  return std::regex_search(text, match, internal_tag) ? match.str() : "";
}

// The string literals of a C++ file, comment lines left out.
std::vector<std::pair<int, std::string>> string_literals(const fs::path& path)
{
  static const std::regex literal(R"("(?:[^"\\]|\\.)*")");
  std::vector<std::pair<int, std::string>> out;
  std::istringstream in(read_file(path));
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    const auto code = line.substr(0, line.find("//"));
    for (std::sregex_iterator it(code.begin(), code.end(), literal), end; it != end; ++it) {
      out.emplace_back(number, it->str());
    }
  }
  return out;
}

const fs::path source_dir{SIPFO_SOURCE_DIR};

} // namespace

TEST_CASE("citations: the tag pattern catches the tags it is meant to")
{
  for (const char* tagged : {"(seed 001, Call server status)", "(S001 Method 4, P-A4)", "[D] UCS416 p.48",
                             "scenario: blackhole (C3)", "(S84\\-A3)", "[A] R1", "handset-models 4.1",
                             "(expires 1 h - overlap 1 min, 2.6)", "last server (2.2)"}) {
    CHECK_MESSAGE(!first_tag(tagged).empty(), tagged);
  }
  for (const char* clean : {"(CS-18-09 Method 4; sipfo's assumption)", "RFC 3261 17.1.2.2", "ESC, BEL, DEL, C1",
                            "T1 and T2", "Polycom UC Software 4.1.6 guide p.48", "(RFC 3263 4.3)"}) {
    CHECK_MESSAGE(first_tag(clean).empty(), clean);
  }
}

TEST_CASE("citations: no internal tag in the man pages or completions")
{
  for (const auto& directory : {"man", "completions"}) {
    for (const auto& entry : fs::directory_iterator(source_dir / directory)) {
      const auto text = read_file(entry.path());
      CHECK_MESSAGE(first_tag(text).empty(), entry.path().filename() << " cites " << first_tag(text));
    }
  }
}

TEST_CASE("citations: no internal tag in a string of the sources")
{
  int files = 0;
  for (const auto& top : {"src", "include"}) {
    for (const auto& entry : fs::recursive_directory_iterator(source_dir / top)) {
      const auto extension = entry.path().extension();
      if (extension != ".cpp" && extension != ".hpp") continue;
      ++files;
      for (const auto& [line, literal] : string_literals(entry.path())) {
        CHECK_MESSAGE(first_tag(literal).empty(),
                      entry.path().lexically_relative(source_dir) << ":" << line << " prints " << literal);
      }
    }
  }
  CHECK(files > 50);
}

TEST_CASE("citations: no internal tag in any --help")
{
  sipfo::cli::Context context;
  CLI::App app{"sipfo"};
  sipfo::cli::build_app(app, context);
  CHECK(first_tag(app.help()).empty());
  for (const auto* command : app.get_subcommands({})) {
    const auto help = command->help();
    CHECK_MESSAGE(first_tag(help).empty(), command->get_name() << " --help cites " << first_tag(help));
  }
}

TEST_CASE("citations: sipfo(1) SOURCES lists every document sipfo sources lists")
{
  auto page = read_file(source_dir / "man/sipfo.1");
  page = std::regex_replace(page, std::regex(R"(\\-)"), "-");
  const auto start = page.find(".SH SOURCES");
  REQUIRE(start != std::string::npos);
  const auto section = page.substr(start, page.find(".SH ", start + 4) - start);
  REQUIRE(!sipfo::cli::source_documents().empty());
  for (const auto& document : sipfo::cli::source_documents()) {
    const std::string name(document.cited_as);
    // RFCs are grouped on one line ("RFC 3261, 3263, ..."): look for the number.
    const auto key = name.starts_with("RFC ") ? name.substr(4) : ".B " + name;
    CHECK_MESSAGE(section.find(key) != std::string::npos, name << " missing from sipfo(1) SOURCES");
  }
}
