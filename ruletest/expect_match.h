// Does a derived event meet an `expect` line of a rule test? Fields are
// compared by the derived type's field types, so what a reader would call
// equal is equal: timestamps as instants (any RFC 3339 spelling, or a test
// time such as `45s`), durations as nanoseconds or duration text ("1m30s"),
// floats to 1e-9 relative, ints exactly, strings and booleans exactly, null
// with null. Besides the type's fields an expectation may give "rule",
// "time", "timeout" and "events" ({"var": [seq, ...]}, the variables listed).
// Listed fields must match; with `exactly` every emitted field must be
// listed too. Tested by tests/unit/ruletest_test.cc.
#ifndef CEP_RULETEST_EXPECT_MATCH_H_
#define CEP_RULETEST_EXPECT_MATCH_H_

#include <optional>
#include <string>

#include "compiler/check/schema.h"
#include "ruletest/json_value.h"
#include "ruletest/test_file.h"

namespace cep::ruletest {

// A derived event as the test saw it: its `cep run` JSON line and that line
// parsed.
struct Derived {
  std::string json;
  JsonValue value;
  std::string rule;
  std::string type;
};

// How relative times in an expectation resolve.
struct TimeContext {
  int64_t start = 0;     // `45s` is start + 45s
  int64_t previous = 0;  // `+10s` is previous + 10s (the last input step's time)
};

// Checks that the keys of `expect` name fields of its type (or the extra
// keys); the problem otherwise (a test file error).
std::optional<std::string> CheckExpectation(const Step& expect, const check::Schema& schema);

// Empty when `got` meets `expect`; otherwise the first difference, e.g.
// "field 'attempts': expected 4, got 3".
std::string FirstDifference(const Step& expect, const Derived& got, const check::Schema& schema,
                            const TimeContext& times);

// How many of the expectation's conditions `got` fails (type first): for
// pointing at the closest derived event when none matches.
int Distance(const Step& expect, const Derived& got, const check::Schema& schema,
             const TimeContext& times);

// `Alert at 45s {"user":"bob"}` — the expectation as written.
std::string DescribeExpectation(const Step& expect);

}  // namespace cep::ruletest

#endif  // CEP_RULETEST_EXPECT_MATCH_H_
