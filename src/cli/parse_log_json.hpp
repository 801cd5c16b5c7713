#pragma once
// parse-log's JSON (design §2; the shape is documented in man/sipfo-parse-log.1).

#include "sipfo/applog/file_report.hpp"
#include "sipfo/util/exit_status.hpp"

#include <nlohmann/json.hpp>

#include <vector>

namespace sipfo::cli {

enum class ExplainJson { no, yes };

inline constexpr int parse_log_schema_version = 1;

// One file's object (`files[]` element, or one --json-lines line without the
// top-level keys added).
nlohmann::json parse_log_file_json(const applog::FileReport& report, ExplainJson explain);

// The whole document: schema_version, command, exit_status, files.
nlohmann::json parse_log_document(std::vector<nlohmann::json> files, util::ExitStatus exit_status);

// Serialises with invalid UTF-8 replaced (logs carry arbitrary bytes).
std::string dump_json(const nlohmann::json& value, int indent);

} // namespace sipfo::cli
