#include "sipfo/applog/input_paths.hpp"

#include "sipfo/util/input_error.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace sipfo::applog {

namespace {

bool is_app_log_name(const std::string& name)
{
  auto ends_with = [&](std::string_view suffix) {
    return name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return ends_with("app.log") || ends_with("app.log.gz");
}

std::vector<std::string> logs_in(const std::string& directory)
{
  std::vector<std::string> logs;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
    std::error_code type_error;
    if (entry.is_regular_file(type_error) && is_app_log_name(entry.path().filename().string())) {
      logs.push_back(entry.path().string());
    }
  }
  if (error) {
    throw util::InputError(directory, "cannot list the directory: " + error.message(), "check its permissions");
  }
  std::sort(logs.begin(), logs.end());
  if (logs.empty()) throw util::InputError(directory, "no *app.log file in this directory", "pass the log files themselves");
  return logs;
}

} // namespace

std::vector<std::string> expand_inputs(const std::vector<std::string>& arguments)
{
  std::vector<std::string> paths;
  for (const std::string& argument : arguments) {
    std::error_code error;
    if (argument != "-" && std::filesystem::is_directory(argument, error)) {
      for (std::string& log : logs_in(argument)) paths.push_back(std::move(log));
    } else {
      paths.push_back(argument);
    }
  }
  return paths;
}

} // namespace sipfo::applog
