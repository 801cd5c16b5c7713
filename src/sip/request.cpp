#include "sipfo/sip/request.hpp"

#include <fmt/format.h>

#include <iterator>

namespace sipfo::sip {

namespace {

// RFC 3261 8.1.1.6: 70 is the recommended initial value.
constexpr int max_forwards = 70;

std::string via_value(const Request& request)
{
  std::string sent_by = request.via_host;
  if (request.via_port != 0) sent_by += fmt::format(":{}", request.via_port);
  return fmt::format("SIP/2.0/{} {};branch={};rport", via_transport_name(request.transport), sent_by, request.branch);
}

} // namespace

std::string build_request(const Request& request)
{
  const char* method = method_name(request.method);
  std::string out;
  auto line = std::back_inserter(out);
  fmt::format_to(line, "{} {} SIP/2.0\r\n", method, request.request_uri);
  fmt::format_to(line, "Via: {}\r\n", via_value(request));
  fmt::format_to(line, "Max-Forwards: {}\r\n", max_forwards);
  fmt::format_to(line, "From: <{}>;tag={}\r\n", request.from_uri, request.from_tag);
  fmt::format_to(line, "To: <{}>\r\n", request.to_uri);
  fmt::format_to(line, "Call-ID: {}\r\n", request.call_id);
  fmt::format_to(line, "CSeq: {} {}\r\n", request.cseq, method);
  if (request.contact) fmt::format_to(line, "Contact: <{}>\r\n", *request.contact);
  if (request.expires) fmt::format_to(line, "Expires: {}\r\n", *request.expires);
  if (!request.authorization_header.empty()) {
    fmt::format_to(line, "{}: {}\r\n", request.authorization_header, request.authorization_value);
  }
  if (request.method == Method::options) out += "Accept: application/sdp\r\n"; // RFC 3261 11.1
  if (request.user_agent.empty()) fmt::format_to(line, "User-Agent: sipfo/{}\r\n", SIPFO_VERSION);
  else fmt::format_to(line, "User-Agent: {}\r\n", request.user_agent);
  out += "Content-Length: 0\r\n\r\n";
  return out;
}

} // namespace sipfo::sip
