#pragma once
// Running the real binary on a scenario written to a private temporary directory:
// stdout, stderr and the exit status apart (issue 16's hostile-input tests).

#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/wait.h>

namespace replay_test {

struct TempDir {
  std::filesystem::path path;
  TempDir()
  {
    char name[] = "/tmp/sipfo-replay-test.XXXXXX";
    REQUIRE(::mkdtemp(name) != nullptr);
    path = name;
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  std::string write(const std::string& file, const std::string& text) const
  {
    const auto full = path / file;
    std::ofstream(full, std::ios::binary) << text;
    return full.string();
  }
};

struct CliRun {
  std::string out;
  std::string err;
  int status = -1;
};

inline std::string slurp(const std::filesystem::path& file)
{
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// `args` is pasted into a /bin/sh command line: quote paths with '...'.
inline CliRun run_sipfo(const TempDir& dir, const std::string& args)
{
  const auto out = dir.path / "stdout", err = dir.path / "stderr";
  const std::string command = "'" + std::string(SIPFO_BINARY) + "' " + args + " >'" + out.string() + "' 2>'" +
                              err.string() + "'";
  const int status = std::system(command.c_str());
  return CliRun{slurp(out), slurp(err), WIFEXITED(status) ? WEXITSTATUS(status) : -1};
}

} // namespace replay_test
