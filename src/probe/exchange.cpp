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

Exchange stalled_exchange(sip::ConnectionPhase phase, std::chrono::milliseconds waited)
{
  Exchange exchange = timeout_exchange(waited, 0);
  exchange.stalled_in = phase;
  switch (phase) {
  case sip::ConnectionPhase::connecting: exchange.reason = "TCP connection not established (Timer F)"; break;
  case sip::ConnectionPhase::tls_handshake: exchange.reason = "TLS handshake not completed (Timer F)"; break;
  case sip::ConnectionPhase::established: break;
  }
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
