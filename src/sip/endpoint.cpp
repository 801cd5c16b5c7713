#include "sipfo/sip/endpoint.hpp"

#include <fmt/format.h>

namespace sipfo::sip {

bool is_ipv6_literal(const std::string& address) noexcept
{
  return address.find(':') != std::string::npos;
}

std::string uri_host(const std::string& address)
{
  return is_ipv6_literal(address) ? "[" + address + "]" : address;
}

std::string endpoint_text(const Endpoint& endpoint)
{
  return fmt::format("{}:{}/{}", uri_host(endpoint.address), endpoint.port, transport_name(endpoint.transport));
}

} // namespace sipfo::sip
