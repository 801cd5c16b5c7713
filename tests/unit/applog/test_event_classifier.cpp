#include "sipfo/applog/event_classifier.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace sipfo::applog;

namespace {

std::optional<Event> classify(std::string_view module, char level, std::string_view text)
{
  return classify_line(LogLine{"0101000000", module, level, 0, text});
}

} // namespace

TEST_CASE("applog::classify_line: lookup start, cache miss, err code (CS-14-17 shapes)")
{
  auto start = classify("dns", '1', "doDnsLookupForList for record NAPTR: hostname 'sip.example.org' attempting..");
  REQUIRE(start);
  CHECK(start->kind == EventKind::lookup_start);
  CHECK(start->type == RecordType::naptr);
  CHECK(start->host == "sip.example.org");

  auto miss = classify("dns", '2', "Miss in All DNS cache for sip(NAPTR)");
  REQUIRE(miss);
  CHECK(miss->kind == EventKind::cache_miss);
  CHECK(miss->host == "sip");
  CHECK(miss->type == RecordType::naptr);

  auto err = classify("dns", '3', "DNS lookup for (SRV) '_sip._udp.sip.example.org' found no match (err code: 4)");
  REQUIRE(err);
  CHECK(err->kind == EventKind::error_code);
  CHECK(err->type == RecordType::srv);
  CHECK(err->number == 4);
}

TEST_CASE("applog::classify_line: answers carry TTL and addresses")
{
  auto a = classify("dns", '3', "DNS lookup for (A) 'pbx1.example.org.'(192.0.2.10) TTL=120");
  REQUIRE(a);
  CHECK(a->kind == EventKind::answer);
  CHECK(a->type == RecordType::a);
  CHECK(a->host == "pbx1.example.org.");
  CHECK(a->address == "192.0.2.10");
  CHECK(a->number == 120);

  auto srv = classify("dns", '3', "DNS lookup for (SRV) '_sip._udp.example.org'() TTL=45");
  REQUIRE(srv);
  CHECK(srv->kind == EventKind::answer);
  CHECK(srv->address.empty());
  CHECK(srv->number == 45);
}

TEST_CASE("applog::classify_line: cache entries with expiry")
{
  auto negative = classify("dns", '2', "Added Negative DNS cache entry for x.example.org(A) expires in 36 seconds");
  REQUIRE(negative);
  CHECK(negative->kind == EventKind::negative_cache_added);
  CHECK(negative->host == "x.example.org");
  CHECK(negative->type == RecordType::a);
  CHECK(negative->number == 36);

  auto hit = classify("dns", '2', "Hit in Dynamic DNS cache for x.example.org(NAPTR) expires in 3000 seconds");
  REQUIRE(hit);
  CHECK(hit->kind == EventKind::cache_hit);
  CHECK(hit->number == 3000);

  auto negative_hit = classify("dns", '2', "Hit in Negative DNS cache for x.example.org(SRV) expires in 12 seconds");
  REQUIRE(negative_hit);
  CHECK(negative_hit->kind == EventKind::negative_cache_hit);
  CHECK(negative_hit->type == RecordType::srv);
  CHECK(negative_hit->number == 12);
}

TEST_CASE("applog::classify_line: NAPTR and SRV record fields")
{
  auto replacement = classify("dns", '1', "replacement '_sip._tcp.example.org'");
  REQUIRE(replacement);
  CHECK(replacement->kind == EventKind::naptr_replacement);
  CHECK(replacement->address == "replacement");
  CHECK(replacement->detail == "_sip._tcp.example.org");

  auto target = classify("dns", '1', "target:port 'pbx2.example.org.:5070'");
  REQUIRE(target);
  CHECK(target->kind == EventKind::srv_target_port);
  CHECK(target->host == "pbx2.example.org.");
  CHECK(target->number == 5070);

  auto added = classify("dns", '1', "srv: Added to tail");
  REQUIRE(added);
  CHECK(added->kind == EventKind::srv_added);
}

TEST_CASE("applog::classify_line: SRV to A steps and the explicit port step")
{
  auto call = classify("dns", '1', "dnsSrv2A calling LookupForList(A) for 'pbx1.example.org.' port 5080");
  REQUIRE(call);
  CHECK(call->kind == EventKind::srv_to_a);
  CHECK(call->host == "pbx1.example.org.");
  CHECK(call->number == 5080);

  auto step = classify("dns", '1', "doDnsSrvLookupForARecordList(tcp): Doing DNS A lookup (port 5070)");
  REQUIRE(step);
  CHECK(step->kind == EventKind::a_lookup_step);
  CHECK(step->address == "tcp");
  CHECK(step->number == 5070);
}

TEST_CASE("applog::classify_line: SIP register, failure with code and reason")
{
  auto reg = classify("sip", '*', "Sip Register Usr:8801 Dsp:Front Desk Auth:'8801' Inx:2");
  REQUIRE(reg);
  CHECK(reg->kind == EventKind::register_start);
  CHECK(reg->host == "8801");
  CHECK(reg->number == 2);

  auto failed = classify("sip", '4', "Registration failed User: 8801, Error Code:403 Forbidden");
  REQUIRE(failed);
  CHECK(failed->kind == EventKind::registration_failed);
  CHECK(failed->host == "8801");
  CHECK(failed->number == 403);
  CHECK(failed->detail == "Forbidden");
}

TEST_CASE("applog::classify_line: words like failed, 403, timeout in other modules are no events")
{
  CHECK_FALSE(classify("cfg", '4', "Registration failed User: 1, Error Code:403 Forbidden"));
  CHECK_FALSE(classify("pres", '4', "Registration of presence watcher failed: timeout"));
  CHECK_FALSE(classify("sipt", '4', "Registration failed User: 1, Error Code:408 Request Timeout"));
  CHECK_FALSE(classify("dns", '1', "something else entirely"));
  CHECK_FALSE(classify("sip", '4', ""));
}

TEST_CASE("applog::classify_line: boot signals in any module")
{
  auto ready = classify("sip", '*', "Fast Boot Measurement Point: Ready for Call, uptime: 75.250 sec.");
  REQUIRE(ready);
  CHECK(ready->kind == EventKind::ready_for_call);
  CHECK(ready->number == 75);
  auto marker = classify("so", '*', "Initial log entry. Current logging level 4");
  REQUIRE(marker);
  CHECK(marker->kind == EventKind::boot_marker);
}

namespace {

// Whether `view` lies in `buffer` (an empty view anywhere counts).
bool inside(std::string_view view, const std::string& buffer)
{
  return view.empty() || (view.data() >= buffer.data() && view.data() + view.size() <= buffer.data() + buffer.size());
}

} // namespace

TEST_CASE("applog::EventClassifier: a remembered dns text reads as the table reads it, with views into the new line")
{
  // Texts that repeat (as on a phone at dns level 1), texts that are no event, and
  // enough different ones to make slots change hands.
  std::vector<std::string> texts = {"Miss in All DNS cache for voice.example.org(NAPTR)",
                                    "doDnsLookupForList for record SRV: hostname '_sip._udp.voice.example.org' attempting..",
                                    "regexp ''",
                                    "target:port 'sbc1.example.org:5061'",
                                    "DNS lookup for (A) 'sbc1.example.org'(192.0.2.10) TTL=300",
                                    "not a message the phone writes",
                                    "Hit negative DNS cache for x.example.org(A) expires in 9 seconds"};
  for (int i = 0; i < 2000; ++i) {
    texts.push_back("Added Dynamic DNS cache entry for h" + std::to_string(i) + ".example.org(A) expires in 60 seconds");
  }
  EventClassifier classifier;
  for (int round = 0; round < 3; ++round) {
    for (const std::string& text : texts) {
      const std::string buffer = text; // a new line's own bytes each time
      const LogLine line{"0101000000", "dns", '2', 0, buffer};
      CAPTURE(buffer);
      Event expected;
      Event got;
      const bool is_event = classify_line_into(line, expected);
      REQUIRE(classifier.classify(line, got) == is_event);
      if (!is_event) continue;
      CHECK(got.kind == expected.kind);
      CHECK(got.type == expected.type);
      CHECK(got.host == expected.host);
      CHECK(got.address == expected.address);
      CHECK(got.detail == expected.detail);
      CHECK(got.number == expected.number);
      CHECK(inside(got.host, buffer) == inside(expected.host, buffer));
      CHECK(inside(got.detail, buffer) == inside(expected.detail, buffer));
    }
  }
}
