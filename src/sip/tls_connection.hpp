#pragma once
// SIP over TLS (RFC 3261 26.2, RFC 5922): TCP plus an OpenSSL client session.
// Sends SNI for a host name, verifies the chain and the host name (DNS SAN) or
// the IP address (IP SAN), and keeps the verdict for the report. With
// Verification::verify a bad certificate fails the connection at once.

#include "stream_connection.hpp"

#include "sipfo/sip/tls_context.hpp"

#include <memory>

namespace sipfo::sip::detail {

class TlsConnection final : public StreamConnection {
public:
  TlsConnection(const Endpoint& endpoint, const std::string& server_name, const TlsContext& context,
                const SourceAddress* source);
  ~TlsConnection() override;

  std::optional<CertificateCheck> certificate() const override { return check_; }

protected:
  IoResult handshake() override;
  IoResult read_some(char* buffer, std::size_t size) override;
  IoResult write_some(const char* data, std::size_t size) override;

private:
  struct Session;
  std::unique_ptr<Session> session_;
  Verification verification_;
  std::string checked_name_; // the host name or IP verified
  std::optional<CertificateCheck> check_;
};

} // namespace sipfo::sip::detail
