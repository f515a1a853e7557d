// Runs `.cept` rule tests (test_file.h): compiles the file's rules once,
// then runs each test on a fresh engine the way `cep run` does — events
// through the JSON Lines reader (so fields are checked and converted exactly
// as in production), a reorder buffer with the test's max-delay, the
// watermark after every event, end of input at the end — collecting the
// derived events and checking them against the expectations, checkpoint by
// checkpoint. Tested by tests/unit/ruletest_test.cc and
// tests/cli/tooling_test.sh.
#ifndef CEP_RULETEST_RUNNER_H_
#define CEP_RULETEST_RUNNER_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "ruletest/coverage.h"

namespace cep::ruletest {

struct CaseResult {
  enum class Outcome : uint8_t { kPass, kFail, kError };
  std::string name;
  int line = 0;
  Outcome outcome = Outcome::kPass;
  std::string message;  // one line: what went wrong first
  std::string details;  // the readable diff: expected vs got, the rule, the first difference
  double seconds = 0;
  // Derived events per rule name (coverage of windowed rules, which have no
  // automaton to count transitions in).
  std::map<std::string, uint64_t> derived_by_rule;
};

struct FileResult {
  std::string path;
  std::string error;  // the file could not run at all (bad test file, rules that do not compile)
  std::vector<CaseResult> cases;
  double seconds = 0;
  int passed() const;
  int failed() const;
  int errors() const;
};

struct RunOptions {
  std::string filter;            // run only tests whose name contains this
  Coverage* coverage = nullptr;  // collect coverage into this when set
};

FileResult RunTestFile(const std::string& path, const RunOptions& options);

// The *.cept files under `paths` (directories searched recursively, files
// taken as given), sorted. NotFound for a path that does not exist.
absl::StatusOr<std::vector<std::string>> FindTestFiles(const std::vector<std::string>& paths);

}  // namespace cep::ruletest

#endif  // CEP_RULETEST_RUNNER_H_
