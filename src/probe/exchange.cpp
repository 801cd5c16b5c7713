#include "sipfo/probe/exchange.hpp"

#include <utility>

namespace sipfo::probe {

Exchange timeout_exchange(std::chrono::milliseconds waited, int sends)
{
  Exchange exchange;
  exchange.code = 408;
  exchange.reason = "no response (Timer F)";
  exchange.origin = Origin::local;
  exchange.rtt = waited;
  exchange.sends = sends;
  return exchange;
}

Exchange transport_failure_exchange(std::string what, std::chrono::milliseconds after)
{
  Exchange exchange;
  exchange.code = 503;
  exchange.reason = std::move(what);
  exchange.origin = Origin::local;
  exchange.rtt = after;
  return exchange;
}

} // namespace sipfo::probe
