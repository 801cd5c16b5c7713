#pragma once
// What the probe engine probes: a candidate server as resolve found it (or as
// given by --target), reduced to what the engine needs. The probe layer knows
// nothing of DNS or handsets: the CLI turns candidates into targets.

#include "sipfo/sip/endpoint.hpp"

#include <cstdint>
#include <string>

namespace sipfo::probe {

struct Target {
  // An empty address: a requested target whose name has no address. It is
  // reported (status unknown, design §4: every requested target counts) but
  // not probed.
  sip::Endpoint endpoint;
  int rank = 1;                // serverspec rank (PIVOT P<n>) or try order, 1-based
  std::uint16_t priority = 1;  // SRV priority; 1 when not from SRV (CS-18-09)
  // The host name the server was configured or found as (SRV target, A name):
  // the name TLS verifies and sends as SNI, and the default REGISTER domain.
  // Empty: the address itself (IP SAN check, no SNI; RFC 6066 3).
  std::string server_name;
};

} // namespace sipfo::probe
