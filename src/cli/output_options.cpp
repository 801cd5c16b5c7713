#include "output_options.hpp"

#include "sipfo/render/terminal.hpp"
#include "sipfo/util/input_error.hpp"
#include "sipfo/util/printable.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <sys/ioctl.h>
#include <unistd.h>

namespace sipfo::cli {

namespace {

// "a, b or c" / "a, b and c".
std::string spoken_list(const std::vector<std::string>& words, std::string_view last_joint)
{
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += i + 1 == words.size() ? fmt::format(" {} ", last_joint) : ", ";
    out += words[i];
  }
  return out;
}

} // namespace

OutputForm OutputOptions::form() const
{
  std::vector<std::string> formats{"text"};
  formats.insert(formats.end(), offer.formats.begin(), offer.formats.end());
  if (std::find(formats.begin(), formats.end(), format) == formats.end()) {
    throw util::InputError("", fmt::format("unknown --format '{}'", util::printable(format, 80)),
                           "use " + spoken_list(formats, "or"));
  }
  const bool other_format = format != "text";
  if (int(json) + int(json_lines) + int(other_format) > 1) {
    std::vector<std::string> forms{"--json"};
    if (offer.json_lines) forms.push_back("--json-lines");
    for (const auto& name : offer.formats) forms.push_back("--format=" + name);
    throw util::InputError("", spoken_list(forms, "and") + " exclude each other", "pick one");
  }
  if (json) return OutputForm::json;
  if (json_lines) return OutputForm::json_lines;
  return other_format ? OutputForm::format : OutputForm::text;
}

void add_output_options(CLI::App& command, OutputOptions& options, OutputOffer offer)
{
  options.offer = std::move(offer);
  const auto& o = options.offer;
  command.add_flag("--json", options.json,
                   o.json_help.empty() ? fmt::format("Print one JSON document (see sipfo-{}(1), OUTPUT)", command.get_name())
                                       : o.json_help);
  if (o.json_lines) {
    command.add_flag("--json-lines", options.json_lines,
                     o.json_lines_help.empty() ? "Print one JSON object per line" : o.json_lines_help);
  }
  if (!o.formats.empty()) {
    command.add_option("--format", options.format, fmt::format("Output format: text (default), {}", fmt::join(o.formats, ", ")))
      ->type_name("FORMAT");
  }
}

bool color_output(const Context& context, int fd) { return render::should_color(context.color, fd); }

int output_width(int fd)
{
  constexpr int minimum = 80;
  if (::isatty(fd) != 1) return 0;
  if (const char* columns = std::getenv("COLUMNS")) {
    const int value = std::atoi(columns);
    if (value > 0) return std::max(value, minimum);
  }
  winsize size{};
  if (::ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return std::max<int>(size.ws_col, minimum);
  return 0;
}

} // namespace sipfo::cli
