#pragma once
// The sequential-registration state machine of handset-models §3, §4.3 and §6:
// one server at a time, walking an ordered candidate list. rfc3263, the 84-Series
// and Yealink share its shape and differ in the rules below.

#include "phone_context.hpp"

#include <memory>

namespace sipfo::replay {

struct RegistrarRules {
  Model model = Model::rfc3263;
  // rfc3263: each resolution draws RFC 2782 weights again (§3 RESOLVE).
  bool reorder_each_resolution = false;
  // Why texts: the rule and its source.
  const char* retry_rule = "";    // retries before the next server
  const char* renewal_rule = "";  // where a renewal goes
  const char* backoff_rule = "";  // after every server failed
  const char* failback_rule = ""; // the failback timer
};

RegistrarRules rfc3263_rules();
RegistrarRules spectralink84_rules();
RegistrarRules yealink_rules();

std::unique_ptr<Machine> make_registrar_machine(PhoneContext& context, const RegistrarRules& rules);

} // namespace sipfo::replay
