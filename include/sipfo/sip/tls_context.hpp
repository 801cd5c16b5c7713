#pragma once
// Shared TLS client settings for every TLS target of a run (an SSL_CTX inside).

#include <memory>
#include <string>

namespace sipfo::sip {

enum class Verification {
  verify,   // default: chain and host name (or IP SAN) must verify, or the probe fails
  insecure, // --insecure: carry on, but still report what verification found
};

struct TlsSettings {
  Verification verification = Verification::verify;
  std::string ca_file;  // --ca-file (PEM); empty: the system's trust store
};

class TlsContext {
public:
  // Throws util::InputError when the CA file cannot be loaded (sipfo's own input).
  explicit TlsContext(const TlsSettings& settings);
  ~TlsContext();
  TlsContext(const TlsContext&) = delete;
  TlsContext& operator=(const TlsContext&) = delete;

  Verification verification() const noexcept { return verification_; }
  // The SSL_CTX*, as void* so OpenSSL stays out of this header.
  void* native() const noexcept;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  Verification verification_;
};

} // namespace sipfo::sip
