// parse-pcap's JSON and the status rules, on the hand-built story of
// test_pcap_story_fixture.hpp.

#include "test_pcap_story_fixture.hpp"

#include "sipfo/render/pcap_story_json.hpp"
#include "sipfo/render/pcap_story_status.hpp"

#include <doctest/doctest.h>

using namespace sipfo;
using nlohmann::json;

TEST_CASE("render::pcap_story_document: the phone's servers, failover, transactions and findings")
{
  const auto story = test::failover_story();
  const json document = render::pcap_story_document(story, util::ExitStatus::warning, "spectralink-84", render::PacketJson::no);
  CHECK(document["schema_version"] == 1);
  CHECK(document["command"] == "parse-pcap");
  CHECK(document["exit_status"] == 1);
  CHECK(document["profile"] == "spectralink-84");
  CHECK(document["files"] == json::array({"phone.pcap"}));
  CHECK(document["packets"] == 9);
  REQUIRE(document["phones"].size() == 1);
  const json& phone = document["phones"][0];
  CHECK(phone["phone"] == "127.0.0.1");
  CHECK(phone["verdict"] == "recovered");
  CHECK(phone["exit_status"] == 1);
  CHECK(phone["root_cause"] == "server_timeout_failover");
  CHECK(phone["registered_with"] == json({{"address", "127.0.0.12"}, {"port", 5060}}));
  CHECK(phone["start"]["time"] == "2023-11-14 22:13:20.000 UTC");
  CHECK(!phone.contains("packets"));

  const json& dns = phone["dns"][0];
  CHECK(dns["name"] == "_sip._udp.lab.test.");
  CHECK(dns["type"] == "SRV");
  CHECK(dns["server"]["address"] == "127.0.0.53");
  CHECK(dns["retries"] == 1);
  CHECK(dns["outcome"] == "NOERROR");
  CHECK(dns["elapsed_ms"] == 1002.0);
  CHECK(dns["ttl"] == 300);
  CHECK(dns["reply"]["number"] == 3);
  CHECK(dns["records"][1] == json({{"name", "_sip._udp.lab.test."}, {"type", "SRV"}, {"ttl", 300},
                                   {"data", "20 50 5060 p2.lab.test."}}));

  const json& first = phone["transactions"][0];
  CHECK(first["method"] == "REGISTER");
  CHECK(first["end"] == "timed out");
  CHECK(first["final_code"] == nullptr);
  std::vector<double> after;
  for (const json& send : first["sends"]) after.push_back(send["after_first_ms"]);
  CHECK(after == std::vector<double>{0, 500, 1500, 3500});
  CHECK(first["sends"][3]["offset_ms"] == 4510.0);
  const json& second = phone["transactions"][1];
  CHECK(second["end"] == "success");
  CHECK(second["final_code"] == 200);
  CHECK(second["responses"][0]["granted_expires"] == 3600);
  CHECK(second["responses"][0]["after_first_ms"] == 2.0);

  REQUIRE(phone["servers"].size() == 2);
  CHECK(phone["servers"][0]["address"] == "127.0.0.11");
  CHECK(phone["servers"][0]["end"] == "timed out");
  CHECK(phone["servers"][1]["address"] == "127.0.0.12");
  CHECK(phone["servers"][1]["transport"] == "udp");
  CHECK(phone["servers"][1]["final_code"] == 200);
  REQUIRE(phone["changes"].size() == 1);
  CHECK(phone["changes"][0]["kind"] == "failover");
  CHECK(phone["changes"][0]["packet"]["number"] == 8);
  CHECK(phone["changes"][0]["packet"]["offset_ms"] == 33010.0);
  CHECK(phone["changes"][0]["from"]["address"] == "127.0.0.11");
  CHECK(phone["changes"][0]["to"]["address"] == "127.0.0.12");

  REQUIRE(phone["findings"].size() == 2);
  const json& timeout = phone["findings"][0];
  CHECK(timeout["code"] == "server_timeout_failover");
  CHECK(timeout["severity"] == "warning");
  CHECK(timeout["observed"] == nullptr);
  CHECK(timeout["source"] == "Technical Bulletin CS-18-09, Call server status (Down); RFC 3263 4.3");
  CHECK(timeout["evidence"].size() == 2);
  const json& retries = phone["findings"][1];
  CHECK(retries["code"] == "model_retry_count");
  CHECK(retries["observed"] == "4 sends");
  CHECK(retries["expected"] == "3 sends (retryMaxCount 3)");
  CHECK(retries["source"] == "Polycom UC Software 4.1.6 guide (retryMaxCount)");
}

TEST_CASE("render::pcap_phone_json: --explain adds the packets in capture order")
{
  const auto story = test::failover_story();
  const json phone = render::pcap_phone_json(story, story.phones.front(), render::PacketJson::yes);
  REQUIRE(phone["packets"].size() == 9);
  std::vector<std::string> what;
  for (const json& p : phone["packets"]) what.push_back(p["what"]);
  CHECK(what == std::vector<std::string>{"dns_query", "dns_retry", "dns_reply", "sip_request", "sip_retransmission",
                                         "sip_retransmission", "sip_retransmission", "sip_request", "sip_response"});
}

TEST_CASE("render::phone_status: the exit status of each verdict, and error findings")
{
  auto story = test::failover_story();
  auto& phone = story.phones.front();
  CHECK(render::phone_status(phone) == util::ExitStatus::warning); // recovered
  CHECK(render::verdict_words(phone) == "RECOVERED");

  phone.verdict = wire::PhoneVerdict::registered;
  CHECK(render::phone_status(phone) == util::ExitStatus::warning); // registered, warning findings
  CHECK(render::verdict_words(phone) == "REGISTERED with warnings");
  phone.findings.clear();
  CHECK(render::phone_status(phone) == util::ExitStatus::ok);
  CHECK(render::verdict_words(phone) == "REGISTERED");

  wire::StoryFinding error;
  error.code = util::FindingCode::tls_handshake_failed;
  error.severity = util::Severity::error;
  phone.findings = {error};
  CHECK(render::phone_status(phone) == util::ExitStatus::critical);
  CHECK(render::verdict_words(phone) == "REGISTERED with errors");
  phone.verdict = wire::PhoneVerdict::recovered;
  CHECK(render::phone_status(phone) == util::ExitStatus::critical);
  CHECK(render::verdict_words(phone) == "RECOVERED with errors");

  phone.verdict = wire::PhoneVerdict::no_registration;
  CHECK(render::phone_status(phone) == util::ExitStatus::critical);
  phone.findings.clear();
  CHECK(render::phone_status(phone) == util::ExitStatus::unknown);

  phone.verdict = wire::PhoneVerdict::unfinished; // the capture stopped before any answer: nothing is known
  CHECK(render::phone_status(phone) == util::ExitStatus::unknown);
  CHECK(render::verdict_words(phone) == "UNFINISHED");

  phone.verdict = wire::PhoneVerdict::failed;
  CHECK(render::phone_status(phone) == util::ExitStatus::critical);
}

TEST_CASE("render::capture_status: the worst phone, and 3 for a capture without SIP")
{
  wire::CaptureStory empty;
  CHECK(render::capture_status(empty) == util::ExitStatus::unknown);
  auto story = test::failover_story();
  CHECK(render::capture_status(story) == util::ExitStatus::warning);
  auto failed = story.phones.front();
  failed.verdict = wire::PhoneVerdict::failed;
  story.phones.push_back(failed);
  CHECK(render::capture_status(story) == util::ExitStatus::critical);
}
