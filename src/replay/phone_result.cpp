#include "sipfo/replay/phone_result.hpp"

namespace sipfo::replay {

const char* line_state_name(LineState state) noexcept
{
  switch (state) {
  case LineState::registered: return "registered";
  case LineState::registering: return "registering";
  case LineState::unregistered: return "unregistered";
  case LineState::frozen: return "frozen";
  }
  return "?";
}

} // namespace sipfo::replay
