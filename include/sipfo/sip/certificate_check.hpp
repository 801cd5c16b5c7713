#pragma once
// What TLS certificate verification found (RFC 5922 for SIP, RFC 6125 names).
// A problem is a finding about the server, not an error of sipfo.

#include <string>

namespace sipfo::sip {

enum class CertificateProblem {
  none,
  expired,        // notAfter in the past
  not_yet_valid,  // notBefore in the future
  name_mismatch,  // neither a DNS SAN nor an IP SAN matches what was asked
  unknown_ca,     // chain does not end at a trusted CA (self-signed, --ca-file missing)
  other,          // any other verification failure (see detail)
};

// Stable codes for findings: "tls_cert_expired", "tls_name_mismatch", ...; "" for none.
const char* certificate_problem_code(CertificateProblem problem) noexcept;

struct CertificateCheck {
  CertificateProblem problem = CertificateProblem::none;
  std::string detail;   // OpenSSL's verification message; empty when none
  std::string subject;  // the leaf certificate's subject, one line
  std::string checked_name; // the host name or IP that was verified
};

} // namespace sipfo::sip
