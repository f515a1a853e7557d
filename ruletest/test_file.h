// The `.cept` rule test format (docs/tooling.md, "cep test", has the full
// reference). A test file sits beside the rules it tests and reads like a
// script, one statement per line:
//
//   # Tests for brute_force.cep       <- comment lines start with '#'
//   rules brute_force.cep             <- default: the .cep with this file's name
//   start 2024-06-01T09:00:00Z        <- what `at 0s` means (default: the epoch)
//
//   test three failures then a success
//     at 0s   Login {"user": "bob", "success": false}
//     at +10s Login {"user": "bob", "success": false}
//     at +10s Login {"user": "bob", "success": false}
//     at 45s  Login {"user": "bob", "success": true}
//     expect SuspiciousLogin {"user": "bob", "attempts": 3}
//
// Inputs: `at TIME TYPE [{fields}]`, a JSON Lines event `{"type": ...}`,
// `events FILE`, `advance TIME` (time passes with no event), `end` (end of
// input). Expectations: `expect [exactly] TYPE [at TIME] [{fields}]` and
// `expect nothing`; consecutive expectations form one checkpoint that
// accounts for every event derived since the previous one. Settings:
// `max-delay D` and `order any|strict` (file-wide or per test).
//
// This file only parses; ruletest/runner.h runs. Tested by
// tests/unit/ruletest_test.cc.
#ifndef CEP_RULETEST_TEST_FILE_H_
#define CEP_RULETEST_TEST_FILE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ruletest/json_value.h"

namespace cep::ruletest {

// A time as written: an offset from the file's `start` (`45s`), from the
// previous input step (`+10s`), or an RFC 3339 instant.
struct TimeSpec {
  enum class Kind : uint8_t { kFromStart, kFromPrevious, kAbsolute };
  Kind kind = Kind::kFromStart;
  int64_t ns = 0;
};

struct Step {
  enum class Kind : uint8_t {
    kEvent,          // at TIME TYPE [{fields}]
    kRawEvent,       // {"type": ..., "time": ..., ...}: a JSON Lines event as `cep run` reads it
    kEventsFile,     // events FILE
    kAdvance,        // advance TIME
    kEnd,            // end
    kExpect,         // expect [exactly] TYPE [at TIME] [{fields}]
    kExpectNothing,  // expect nothing
  };
  Kind kind = Kind::kEvent;
  int line = 0;
  std::string type;
  std::optional<TimeSpec> time;  // kEvent, kAdvance (always); kExpect (optional)
  JsonValue fields;              // an object (empty when not written)
  std::string raw;               // kRawEvent: the line as written
  std::string path;              // kEventsFile: resolved against the test file's directory
  std::string written_path;      // kEventsFile: as written
  bool exactly = false;          // kExpect

  bool is_expectation() const { return kind == Kind::kExpect || kind == Kind::kExpectNothing; }
};

struct TestCase {
  std::string name;
  int line = 0;
  std::vector<Step> steps;
  int64_t max_delay_ns = 0;
  bool any_order = false;
};

struct TestFile {
  std::string path;
  std::vector<std::string> rules;  // resolved against the test file's directory
  int64_t start_ns = 0;
  int64_t max_delay_ns = 0;
  bool any_order = false;
  std::vector<TestCase> tests;
};

// Parses a test file's text. Problems come back as "path:line:col: message"
// (every one found, in order); `out` is usable only when there are none.
// Relative paths are resolved against the directory of `path`; when no
// `rules` line names the rules, NAME.cep beside NAME.cept is assumed.
void ParseTestFile(std::string_view text, const std::string& path, TestFile* out,
                   std::vector<std::string>* errors);

// "45s", "+10s", "2024-06-01T09:00:45Z" -> TimeSpec; nullopt with *error set.
std::optional<TimeSpec> ParseTimeSpec(std::string_view text, std::string* error);

}  // namespace cep::ruletest

#endif  // CEP_RULETEST_TEST_FILE_H_
