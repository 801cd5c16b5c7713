#pragma once
// A private scratch directory for the applog reader tests, removed at the end
// of the test that made it.

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <unistd.h>

namespace applog_test {

struct ScratchDir {
  std::filesystem::path path;
  ScratchDir()
  {
    std::string pattern = (std::filesystem::temp_directory_path() / "sipfo-applog-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~ScratchDir() { std::filesystem::remove_all(path); }
};

} // namespace applog_test
