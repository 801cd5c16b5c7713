// What distinguishes rfc3263, spectralink-84 and yealink inside the shared
// sequential-registration machine, with the source of each rule.

#include "registrar_machine.hpp"

namespace sipfo::replay {

RegistrarRules rfc3263_rules()
{
  RegistrarRules rules;
  rules.model = Model::rfc3263;
  rules.reorder_each_resolution = true;
  rules.retry_rule = "RFC 3263 4.3: next server after Timer F";
  rules.renewal_rule = "sipfo's assumption: every REGISTER starts at the top of the list (RFC 3263 is per request)";
  rules.backoff_rule = "RFC 5626 4.5 backoff";
  rules.failback_rule = "";
  return rules;
}

RegistrarRules spectralink84_rules()
{
  RegistrarRules rules;
  rules.model = Model::spectralink84;
  rules.retry_rule = "retryMaxCount, Polycom UC Software 4.1.6 guide p.48; sipfo's assumption";
  rules.renewal_rule = "failOver.failBack.mode, 84-Series Administration Guide p.231";
  rules.backoff_rule = "registerRetry base/max, RFC 5626 4.5 (Polycom UC Software 4.1.6 guide p.48)";
  rules.failback_rule = "sipfo's assumption: proactive REGISTER to the primary when the failback timer fires (84-Series Administration Guide p.232)";
  return rules;
}

RegistrarRules yealink_rules()
{
  RegistrarRules rules;
  rules.model = Model::yealink;
  rules.retry_rule = "retry_counts, Yealink Server Redundancy, REGISTER Failover";
  rules.renewal_rule = "failback_mode, Yealink Server Redundancy";
  rules.backoff_rule = "reg_fail_retry_interval / reg_failed_retry_min/max_time (Yealink Administrator's Guide; sipfo's assumption)";
  rules.failback_rule = "sipfo's assumption: proactive REGISTER to the primary when the failback timer fires (Yealink Server Redundancy, failback_mode)";
  return rules;
}

} // namespace sipfo::replay
