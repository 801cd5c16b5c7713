#include "tls_connection.hpp"

#include "sipfo/util/input_error.hpp"
#include "sipfo/util/ip_literal.hpp"

#include <fmt/format.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <cerrno>

namespace sipfo::sip {

// ---- TlsContext: the shared SSL_CTX ---------------------------------------

struct TlsContext::Impl {
  std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> ctx{nullptr, &SSL_CTX_free};
};

TlsContext::TlsContext(const TlsSettings& settings)
  : impl_(std::make_unique<Impl>()), verification_(settings.verification)
{
  impl_->ctx.reset(SSL_CTX_new(TLS_client_method()));
  if (!impl_->ctx) throw std::runtime_error("OpenSSL: cannot create a TLS context");
  SSL_CTX_set_min_proto_version(impl_->ctx.get(), TLS1_2_VERSION);
  // Verification runs in every handshake; sipfo reads its result itself so that
  // --insecure can still report it (SSL_get_verify_result).
  SSL_CTX_set_verify(impl_->ctx.get(), SSL_VERIFY_NONE, nullptr);
  if (!settings.ca_file.empty()) {
    if (SSL_CTX_load_verify_locations(impl_->ctx.get(), settings.ca_file.c_str(), nullptr) != 1) {
      ERR_clear_error();
      throw util::InputError(settings.ca_file, "cannot load CA certificates",
                             "give a readable PEM file with --ca-file");
    }
  } else {
    SSL_CTX_set_default_verify_paths(impl_->ctx.get());
  }
}

TlsContext::~TlsContext() = default;

void* TlsContext::native() const noexcept
{
  return impl_->ctx.get();
}

const char* certificate_problem_code(CertificateProblem problem) noexcept
{
  switch (problem) {
  case CertificateProblem::none: return "";
  case CertificateProblem::expired: return "tls_cert_expired";
  case CertificateProblem::not_yet_valid: return "tls_cert_not_yet_valid";
  case CertificateProblem::name_mismatch: return "tls_name_mismatch";
  case CertificateProblem::unknown_ca: return "tls_unknown_ca";
  case CertificateProblem::other: return "tls_cert_invalid";
  }
  return "tls_cert_invalid";
}

namespace detail {

namespace {

CertificateProblem problem_of(long verify_result) noexcept
{
  switch (verify_result) {
  case X509_V_OK: return CertificateProblem::none;
  case X509_V_ERR_CERT_HAS_EXPIRED: return CertificateProblem::expired;
  case X509_V_ERR_CERT_NOT_YET_VALID: return CertificateProblem::not_yet_valid;
  case X509_V_ERR_HOSTNAME_MISMATCH:
  case X509_V_ERR_IP_ADDRESS_MISMATCH: return CertificateProblem::name_mismatch;
  case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
  case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
  case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
  case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
  case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
  case X509_V_ERR_CERT_UNTRUSTED: return CertificateProblem::unknown_ca;
  default: return CertificateProblem::other;
  }
}

std::string subject_of(SSL* ssl)
{
  std::unique_ptr<X509, decltype(&X509_free)> cert(SSL_get1_peer_certificate(ssl), &X509_free);
  if (!cert) return {};
  char line[512] = {};
  X509_NAME_oneline(X509_get_subject_name(cert.get()), line, sizeof(line));
  return line;
}

// The OpenSSL error queue's first entry as text, and the queue cleared.
std::string openssl_error_text()
{
  unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "protocol error";
  char text[256] = {};
  ERR_error_string_n(code, text, sizeof(text));
  return text;
}

// One SSL_get_error() code as an I/O result; `context` prefixes failures.
IoResult io_result_of(int ssl_error, std::string_view context)
{
  switch (ssl_error) {
  case SSL_ERROR_WANT_READ: return {IoResult::Kind::want_read, 0, {}};
  case SSL_ERROR_WANT_WRITE: return {IoResult::Kind::want_write, 0, {}};
  case SSL_ERROR_ZERO_RETURN: return {IoResult::Kind::closed, 0, {}};
  case SSL_ERROR_SYSCALL:
    if (errno == 0) return {IoResult::Kind::closed, 0, {}};
    return {IoResult::Kind::failed, 0, fmt::format("{}{}", context, transport_error_text(errno, false))};
  default: return {IoResult::Kind::failed, 0, fmt::format("{}{}", context, openssl_error_text())};
  }
}

} // namespace

struct TlsConnection::Session {
  std::unique_ptr<SSL, decltype(&SSL_free)> ssl{nullptr, &SSL_free};
};

TlsConnection::TlsConnection(const Endpoint& endpoint, const std::string& server_name, const TlsContext& context,
                             const SourceAddress* source)
  : StreamConnection(endpoint, source), session_(std::make_unique<Session>()), verification_(context.verification())
{
  if (failure()) return;
  session_->ssl.reset(SSL_new(static_cast<SSL_CTX*>(context.native())));
  SSL* ssl = session_->ssl.get();
  if (!ssl || SSL_set_fd(ssl, socket_fd()) != 1) {
    fail("TLS handshake failed: " + openssl_error_text());
    return;
  }
  SSL_set_connect_state(ssl);
  const std::string name = server_name.empty() ? endpoint.address : server_name;
  checked_name_ = name;
  X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
  if (util::is_ip_literal(name)) {
    X509_VERIFY_PARAM_set1_ip_asc(param, name.c_str()); // IP SAN; no SNI for an IP (RFC 6066 3)
  } else {
    SSL_set_tlsext_host_name(ssl, name.c_str());
    X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    X509_VERIFY_PARAM_set1_host(param, name.c_str(), 0);
  }
}

TlsConnection::~TlsConnection() = default;

IoResult TlsConnection::handshake()
{
  SSL* ssl = session_->ssl.get();
  ERR_clear_error();
  int r = SSL_connect(ssl);
  if (r == 1) {
    CertificateCheck check;
    long verdict = SSL_get_verify_result(ssl);
    check.problem = problem_of(verdict);
    if (check.problem != CertificateProblem::none) check.detail = X509_verify_cert_error_string(verdict);
    check.subject = subject_of(ssl);
    check.checked_name = checked_name_;
    check_ = check;
    if (check.problem != CertificateProblem::none && verification_ == Verification::verify) {
      return {IoResult::Kind::failed, 0, "TLS certificate verification failed: " + check.detail};
    }
    return {};
  }
  return io_result_of(SSL_get_error(ssl, r), "TLS handshake failed: ");
}

IoResult TlsConnection::read_some(char* buffer, std::size_t size)
{
  SSL* ssl = session_->ssl.get();
  ERR_clear_error();
  std::size_t got = 0;
  if (SSL_read_ex(ssl, buffer, size, &got) == 1) return {IoResult::Kind::done, got, {}};
  return io_result_of(SSL_get_error(ssl, 0), "TLS: ");
}

IoResult TlsConnection::write_some(const char* data, std::size_t size)
{
  SSL* ssl = session_->ssl.get();
  ERR_clear_error();
  std::size_t sent = 0;
  if (SSL_write_ex(ssl, data, size, &sent) == 1) return {IoResult::Kind::done, sent, {}};
  return io_result_of(SSL_get_error(ssl, 0), "TLS: ");
}

} // namespace detail

} // namespace sipfo::sip
