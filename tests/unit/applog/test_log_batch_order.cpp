// Many files on several cores: the largest start first (so the last core to finish
// is not left with the biggest file), and reports still come out in input order.

#include "sipfo/applog/log_batch.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace sipfo::applog;

TEST_CASE("applog::largest_first: biggest first, input order among equals")
{
  CHECK(largest_first({}).empty());
  CHECK(largest_first({5}) == std::vector<std::size_t>{0});
  CHECK(largest_first({10, 300, 10, 7000, 300}) == std::vector<std::size_t>{3, 1, 4, 0, 2});
}

TEST_CASE("applog::parse_logs: reports come out in input order whatever order they were parsed in")
{
  const std::string dir = std::string(SIPFO_SOURCE_DIR) + "/fixtures/logs/";
  // Sizes differ, so the largest-first start order is not the input order.
  const std::vector<std::string> paths{dir + "00907a1c0005-app.log", dir + "00907a1c0002-app.log",
                                       dir + "00907a1c000e-app.log", dir + "00907a1c0003-app.log"};
  std::vector<std::size_t> indices;
  std::vector<std::string> seen;
  BatchCallbacks callbacks;
  callbacks.on_report = [&](std::size_t index, FileReport report) {
    indices.push_back(index);
    seen.push_back(report.path);
  };
  parse_logs(paths, ParseOptions{}, 3, callbacks);
  CHECK(indices == std::vector<std::size_t>{0, 1, 2, 3});
  CHECK(seen == paths);
}
