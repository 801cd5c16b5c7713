#include "handset/srv_order.hpp"

#include "../handset/fake_dns.hpp"

#include <doctest/doctest.h>

using namespace sipfo;
using namespace sipfo::test;

namespace {

std::vector<std::string> targets(const std::vector<dns::Record>& records)
{
  std::vector<std::string> out;
  for (const auto& r : records) out.push_back(std::get<dns::SrvData>(r.data).target);
  return out;
}

} // namespace

TEST_CASE("handset::ordered_srv: priority ascending first, in every order")
{
  std::mt19937_64 random(3);
  const std::vector<dns::Record> records{srv("s.", 3, 0, 1, "c."), srv("s.", 1, 0, 1, "a."), srv("s.", 2, 0, 1, "b.")};
  for (auto order : {handset::SrvOrder::weight_descending, handset::SrvOrder::answer_order,
                     handset::SrvOrder::weighted_random}) {
    CHECK(targets(handset::ordered_srv(records, order, random)) == std::vector<std::string>{"a.", "b.", "c."});
  }
}

TEST_CASE("handset::ordered_srv: answer order keeps the server's order within a priority")
{
  std::mt19937_64 random(3);
  const std::vector<dns::Record> records{srv("s.", 1, 5, 1, "x."), srv("s.", 1, 50, 1, "y."), srv("s.", 1, 20, 1, "z.")};
  CHECK(targets(handset::ordered_srv(records, handset::SrvOrder::answer_order, random)) ==
        std::vector<std::string>{"x.", "y.", "z."});
  CHECK(targets(handset::ordered_srv(records, handset::SrvOrder::weight_descending, random)) ==
        std::vector<std::string>{"y.", "z.", "x."});
}

TEST_CASE("handset::ordered_srv: RFC 2782 draw, all-zero weights are equally likely")
{
  // With every weight 0 the sum is 0, r is always 0, and the first record (after
  // the stable zero-first partition, i.e. answer order) is taken each round.
  std::mt19937_64 random(11);
  const std::vector<dns::Record> records{srv("s.", 1, 0, 1, "p."), srv("s.", 1, 0, 1, "q.")};
  CHECK(targets(handset::ordered_srv(records, handset::SrvOrder::weighted_random, random)) ==
        std::vector<std::string>{"p.", "q."});
}
