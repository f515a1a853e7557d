// `cep test [PATHS] [--format text|junit] [-o FILE] [--coverage] [-k TEXT] [-v]`:
// run the rule tests (*.cept, ruletest/test_file.h; docs/tooling.md) found
// under PATHS (default: the current directory). Text output lists every
// failure with a readable diff — expected vs got, the rule, the first
// differing field — and ends with a summary; --format junit writes JUnit XML
// (to stdout, or -o FILE) for CI systems, the summary going to stderr.
// --coverage reports the rules, states and transitions the tests reached and
// those they never did. Exit codes: 0 every test passed, 1 a test failed or
// could not run, 2 usage or I/O (no test files found, a path that does not
// exist). Tested by tests/cli/tooling_test.sh.
#include <fstream>
#include <iostream>

#include "cli/cli_common.h"
#include "cli/commands.h"
#include "compiler/util/strcat.h"
#include "ruletest/coverage.h"
#include "ruletest/junit.h"
#include "ruletest/runner.h"

namespace cep::cli {
namespace {

struct TestArgs {
  std::vector<std::string> paths;
  std::string format = "text";
  std::string output;
  std::string filter;
  bool coverage = false;
  bool verbose = false;
};

int RunTests(const TestArgs& args) {
  std::vector<std::string> roots = args.paths.empty() ? std::vector<std::string>{"."} : args.paths;
  absl::StatusOr<std::vector<std::string>> files = ruletest::FindTestFiles(roots);
  if (!files.ok()) {
    PrintError(files.status());
    return kExitUsage;
  }
  if (files->empty()) {
    std::string where;
    for (const std::string& r : roots) where += (where.empty() ? "" : ", ") + r;
    PrintError("no rule tests (*.cept files) under " + where);
    return kExitUsage;
  }
  const bool junit = args.format == "junit";
  std::ofstream file_out;
  std::ostream* report = &std::cout;
  if (!args.output.empty()) {
    file_out.open(args.output, std::ios::binary | std::ios::trunc);
    if (!file_out) {
      PrintError("cannot write " + args.output);
      return kExitUsage;
    }
    report = &file_out;
  }
  // Text results go where the report goes; with JUnit the XML does, and the
  // human-readable lines go to stderr.
  std::ostream& text = junit ? std::cerr : *report;

  ruletest::Coverage coverage;
  ruletest::RunOptions options;
  options.filter = args.filter;
  if (args.coverage) options.coverage = &coverage;
  std::vector<ruletest::FileResult> results;
  int passed = 0, failed = 0, errors = 0;
  for (const std::string& path : *files) {
    ruletest::FileResult r = ruletest::RunTestFile(path, options);
    if (!r.error.empty()) {
      ++errors;
      text << "ERROR " << path << ": the test file could not run\n" << r.error;
    }
    for (const ruletest::CaseResult& c : r.cases) {
      switch (c.outcome) {
        case ruletest::CaseResult::Outcome::kPass:
          ++passed;
          if (args.verbose) text << "ok    " << path << ":" << c.line << ": " << c.name << "\n";
          break;
        case ruletest::CaseResult::Outcome::kFail:
          ++failed;
          text << "FAIL  " << path << ":" << c.line << ": " << c.name << "\n" << c.details;
          break;
        case ruletest::CaseResult::Outcome::kError:
          ++errors;
          text << "ERROR " << path << ":" << c.line << ": " << c.name << "\n" << c.details;
          break;
      }
    }
    results.push_back(std::move(r));
  }
  if (junit) *report << ruletest::JunitXml(results);
  text << StrCat("cep test: ", passed, " passed, ", failed, " failed, ", errors, " errors (",
                 files->size(), " test file", files->size() == 1 ? "" : "s", ")\n");
  if (args.coverage) text << coverage.Report();
  report->flush();
  if (passed + failed + errors == 0) {
    PrintError(args.filter.empty() ? "the test files hold no tests"
                                   : "no test name contains '" + args.filter + "'");
    return kExitUsage;
  }
  return failed + errors > 0 ? kExitRuleErrors : kExitOk;
}

}  // namespace

void RegisterTest(CLI::App& app, SetAction set_action) {
  auto args = std::make_shared<TestArgs>();
  CLI::App* cmd = app.add_subcommand("test", "Run rule tests (*.cept files: events in, expected derived events out)");
  cmd->add_option("paths", args->paths, "Test files or directories searched for *.cept (default: .)");
  cmd->add_option("--format", args->format, "text, or junit (JUnit XML for CI)")
      ->check(CLI::IsMember({"text", "junit"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", args->output, "Write the report here instead of stdout");
  cmd->add_flag("--coverage", args->coverage,
                "Report the rules, states and transitions the tests reached and never reached");
  cmd->add_option("-k,--filter", args->filter, "Run only the tests whose name contains this text");
  cmd->add_flag("-v,--verbose", args->verbose, "List the tests that pass too");
  cmd->callback([args, set_action] { set_action([args] { return RunTests(*args); }); });
}

}  // namespace cep::cli
