// `sipfo probe --json`: the documented shape (design §2, man sipfo-probe OUTPUT).

#include "probe_run_fixture.hpp"

#include "sipfo/render/probe_report.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace sipfo;
using nlohmann::json;

TEST_CASE("render::probe_json: top level, settings, summary, active")
{
  const auto doc = json::parse(render::probe_json(test::pivot_run()));
  CHECK(doc["schema_version"] == 1);
  CHECK(doc["command"] == "probe");
  CHECK(doc["exit_status"] == 1);
  CHECK(doc["input"]["profile"] == "pivot");
  CHECK(doc["input"]["targets"] == json::array());
  CHECK(doc["settings"] == json{{"user", "1512"}, {"register_mode", "query"}, {"source", nullptr}, {"from", nullptr},
                                 {"user_agent", nullptr}, {"t1_ms", 500}, {"timer_f_ms", 32000}});
  CHECK(doc["dns"].is_null());
  CHECK(doc["rank_style"] == "serverspec");
  CHECK(doc["active"] == "10.0.0.1:5060/udp");
  CHECK(doc["summary"] == json{{"up", 1}, {"down", 2}, {"failed", 0}, {"unknown", 0}});
  CHECK(doc["findings"].size() == 2);
  CHECK(doc["findings"][0]["code"] == "sip_server_error");
}

TEST_CASE("render::probe_json: per candidate status, active and each exchange")
{
  const auto doc = json::parse(render::probe_json(test::pivot_run()));
  const auto& candidates = doc["candidates"];
  REQUIRE(candidates.size() == 3);
  CHECK(candidates[0]["status"] == "up");
  CHECK(candidates[0]["active"] == true);
  CHECK(candidates[0]["register"] == json{{"code", 200}, {"reason", "OK"}, {"rtt_ms", 30}, {"local", false},
                                          {"retry_after_s", nullptr}, {"sends", 1}, {"credentials_sent", true}});
  CHECK(candidates[0]["unregister"].is_null());
  CHECK(candidates[0]["origin"] == "literal"); // resolve's fields kept
  CHECK(candidates[1]["status"] == "down");
  CHECK(candidates[1]["active"] == false);
  CHECK(candidates[1]["options"]["local"] == false);
  CHECK(candidates[1]["options"]["retry_after_s"] == 30);
  CHECK(candidates[2]["transport"] == "tcp");
  CHECK(candidates[2]["options"]["code"] == 503);
  CHECK(candidates[2]["options"]["local"] == true);
  CHECK(candidates[2]["options"]["reason"] == "connection refused");
  CHECK(candidates[2]["certificate"].is_null());
}

TEST_CASE("render::probe_json: invalid UTF-8 from a server is replaced, not fatal")
{
  auto run = test::pivot_run();
  run.probe.candidates[0].result.options->reason = "OK \xff\xfe";
  const auto doc = json::parse(render::probe_json(run));
  CHECK(doc["candidates"][0]["options"]["reason"] == "OK \xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_CASE("render::probe_json: --source, --from and --user-agent are in settings as given, never a password")
{
  auto run = test::pivot_run();
  run.input.source = "127.0.53.5:5070";
  run.input.from_uri = "sip:acl-check@sipfo.test";
  run.input.user_agent = "PolycomSpectraLink/4.0";
  const auto text = render::probe_json(run);
  const auto settings = json::parse(text)["settings"];
  CHECK(settings["source"] == "127.0.53.5:5070");
  CHECK(settings["from"] == "sip:acl-check@sipfo.test");
  CHECK(settings["user_agent"] == "PolycomSpectraLink/4.0");
  CHECK(settings["user"] == "1512");
  CHECK_FALSE(settings.contains("password"));
}
