// The resolver over a capture's DNS replies (src/wire/captured_resolver.hpp).
#include "test_model_fixture.hpp"

#include "wire/captured_resolver.hpp"

#include <doctest/doctest.h>

using namespace model_test;

TEST_CASE("wire::CapturedResolver: the first reply to each question, TIMEOUT for the rest")
{
  Story story;
  story.dns("p1.eslab.local.", dns::RrType::a, 0.0, {a("p1.eslab.local.", "10.0.0.1")});
  story.dns("p1.eslab.local.", dns::RrType::a, 60.0, {a("p1.eslab.local.", "10.0.0.9")}); // a later re-query
  wire::CapturedResolver resolver(story.phone.dns);
  const std::vector<dns::Question> questions{{"P1.eslab.local", dns::RrType::a}, {"p2.eslab.local.", dns::RrType::a},
                                             {"p1.eslab.local.", dns::RrType::aaaa}};
  const auto answers = resolver.resolve(questions);
  REQUIRE(answers.size() == 3);
  CHECK(answers[0].outcome == dns::Outcome::noerror);
  CHECK(answers[0].question.name == "P1.eslab.local"); // the question as asked
  REQUIRE(answers[0].records.size() == 1);
  CHECK(std::get<dns::AddressData>(answers[0].records[0].data).address == "10.0.0.1");
  CHECK(answers[1].outcome == dns::Outcome::timeout);
  CHECK(answers[1].problem == "not in the capture");
  CHECK(answers[2].outcome == dns::Outcome::timeout);
  CHECK(resolver.answered({"p1.eslab.local", dns::RrType::a}));
  CHECK_FALSE(resolver.answered({"p1.eslab.local", dns::RrType::aaaa}));
  REQUIRE(resolver.missing().size() == 2);
  CHECK(resolver.missing()[0].name == "p2.eslab.local.");
}
