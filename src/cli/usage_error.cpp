#include "usage_error.hpp"

#include "sipfo/render/json_text.hpp"
#include "sipfo/render/resolve_report.hpp"
#include "sipfo/util/suggest.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

namespace sipfo::cli {

namespace {

const CLI::App* find_command(const CLI::App& app, const std::string& name)
{
  for (const auto* command : app.get_subcommands({})) {
    if (command->get_name() == name) return command;
  }
  return nullptr;
}

// Options that take a value: the word after them is that value, not a command.
bool takes_value(const CLI::App& app, std::string_view arg)
{
  if (!arg.starts_with("--") || arg.find('=') != std::string_view::npos) return false;
  const auto* option = app.get_option_no_throw(std::string(arg));
  return option != nullptr && option->get_type_size_max() > 0;
}

bool is_number(std::string_view arg)
{
  return arg.size() > 1 && (std::isdigit(static_cast<unsigned char>(arg[1])) != 0 || arg[1] == '.');
}

} // namespace

Invocation scan_invocation(const CLI::App& app, const std::vector<std::string>& args)
{
  Invocation invocation;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    if (arg == "--") break;
    if (arg == "--json" || arg == "--json-lines") invocation.json = true;
    const CLI::App& scope = invocation.command.empty() ? app : *find_command(app, invocation.command);
    if (takes_value(scope, arg) || (&scope != &app && takes_value(app, arg))) {
      ++i;
      continue;
    }
    if (invocation.command.empty() && !arg.starts_with("-") && find_command(app, std::string(arg)) != nullptr) {
      invocation.command = arg;
    }
  }
  return invocation;
}

std::optional<std::string> unknown_option(const CLI::App& app, const Invocation& invocation,
                                          const std::vector<std::string>& args)
{
  std::vector<const CLI::App*> scopes{&app};
  if (const auto* command = find_command(app, invocation.command)) scopes.push_back(command);
  std::vector<std::string> long_names;
  std::string short_names;
  for (const auto* scope : scopes) {
    for (const auto* option : scope->get_options()) {
      for (const auto& name : option->get_lnames()) long_names.push_back("--" + name);
      for (const auto& name : option->get_snames()) short_names += name;
    }
  }
  const auto value_follows = [&scopes](std::string_view arg) {
    return std::any_of(scopes.begin(), scopes.end(), [arg](const CLI::App* scope) { return takes_value(*scope, arg); });
  };
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    if (arg == "--") break;
    if (arg.starts_with("--")) {
      const auto name = std::string(arg.substr(0, arg.find('=')));
      if (std::find(long_names.begin(), long_names.end(), name) != long_names.end()) {
        if (value_follows(arg)) ++i;
        continue;
      }
      std::vector<std::string_view> choices(long_names.begin(), long_names.end());
      const auto match = util::closest_match(name, choices);
      return match ? fmt::format("unknown option {} (did you mean {}?)", name, *match)
                   : fmt::format("unknown option {}", name);
    }
    if (arg.size() > 1 && arg[0] == '-' && !is_number(arg) && short_names.find(arg[1]) == std::string::npos) {
      return fmt::format("unknown option {}", arg.substr(0, 2));
    }
  }
  return std::nullopt;
}

std::string help_pointer(const Invocation& invocation)
{
  return invocation.command.empty() ? "see 'sipfo --help'" : fmt::format("see 'sipfo {} --help'", invocation.command);
}

std::string json_error(const Invocation& invocation, const std::string& message, const std::string& where)
{
  nlohmann::json file = nullptr;
  nlohmann::json line = nullptr;
  if (!where.empty()) {
    // "FILE:LINE" when it ends in a colon and digits, else the whole is the file.
    const auto colon = where.rfind(':');
    const bool has_line = colon != std::string::npos && colon + 1 < where.size() &&
                          std::all_of(where.begin() + static_cast<std::ptrdiff_t>(colon) + 1, where.end(),
                                      [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
    file = has_line ? where.substr(0, colon) : where;
    if (has_line) line = std::stoll(where.substr(colon + 1));
  }
  const nlohmann::json document = {
    {"schema_version", render::schema_version},
    {"command", invocation.command.empty() ? nlohmann::json(nullptr) : nlohmann::json(invocation.command)},
    {"exit_status", 3},
    {"error", {{"message", message}, {"file", file}, {"line", line}}},
  };
  return render::json_text(document, 2);
}

} // namespace sipfo::cli
