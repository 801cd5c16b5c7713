#include "sipfo/replay/scenario.hpp"

#include <fmt/format.h>

#include <array>

namespace sipfo::replay {

namespace {

constexpr std::array event_names{"server.down", "server.up", "server.reply", "server.drop", "dns.change",
                                 "dns.down",    "dns.up",    "net.down",     "net.up",      "phone.reboot"};

} // namespace

const char* method_name(Method method) noexcept
{
  switch (method) {
  case Method::register_: return "REGISTER";
  case Method::options: return "OPTIONS";
  case Method::invite: return "INVITE";
  }
  return "?";
}

std::string mode_text(const ServerMode& mode)
{
  switch (mode.kind) {
  case ServerMode::Kind::up: return "up";
  case ServerMode::Kind::blackhole: return "blackhole";
  case ServerMode::Kind::refused: return "refused";
  case ServerMode::Kind::reply: break;
  }
  std::string text = fmt::format("reply={}", mode.code);
  if (mode.retry_after > 0) text += fmt::format(",retry_after={}", mode.retry_after / 1000);
  if (mode.methods != 0b111) {
    std::string methods;
    for (int m = 0; m < method_count; ++m) {
      if ((mode.methods & (1u << m)) == 0) continue;
      if (!methods.empty()) methods += '+';
      methods += method_name(static_cast<Method>(m));
    }
    text += ",methods=" + methods;
  }
  return text;
}

const char* event_name(EventKind kind) noexcept
{
  return event_names[static_cast<std::size_t>(kind)];
}

std::optional<EventKind> parse_event_name(std::string_view name) noexcept
{
  for (std::size_t i = 0; i < event_names.size(); ++i) {
    if (name == event_names[i]) return static_cast<EventKind>(i);
  }
  return std::nullopt;
}

int find_server(const Scenario& scenario, std::string_view name) noexcept
{
  for (std::size_t i = 0; i < scenario.servers.size(); ++i) {
    if (scenario.servers[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

} // namespace sipfo::replay
