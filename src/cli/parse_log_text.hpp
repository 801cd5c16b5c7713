#pragma once
// parse-log's human output: per file and boot, each attempt's DNS chain as an
// indented tree with line numbers, the candidates, the outcome and the diagnosis with
// evidence and fix; or (--explain) every relevant line with a one-line note.
// Pure functions from a report to text, tested through the golden files.

#include "sipfo/applog/file_report.hpp"

#include <string>

namespace sipfo::cli {

enum class ExplainLines { no, yes };

struct TextStyle {
  bool color = false;
  ExplainLines explain = ExplainLines::no;
};

std::string render_parse_log_text(const applog::FileReport& report, const TextStyle& style);

// --brief: the file's headline alone ("PATH: RECOVERED after dns_name_missing"), one line.
std::string render_parse_log_brief(const applog::FileReport& report, const TextStyle& style);

} // namespace sipfo::cli
