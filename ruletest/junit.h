// JUnit XML for `cep test --format junit`, the report format CI systems read
// (GitHub Actions test reporters, GitLab's `artifacts:reports:junit`,
// Jenkins): one <testsuite> per test file, one <testcase> per test, a
// <failure> for a test whose expectations were not met (with the readable
// diff as its text) and an <error> for one that could not run; a test file
// that could not run at all is one <testcase> with an <error>.
// Tested by tests/unit/ruletest_test.cc and tests/cli/tooling_test.sh.
#ifndef CEP_RULETEST_JUNIT_H_
#define CEP_RULETEST_JUNIT_H_

#include <string>
#include <string_view>
#include <vector>

#include "ruletest/runner.h"

namespace cep::ruletest {

std::string JunitXml(const std::vector<FileResult>& files);

// Text escaped for XML content and attribute values; bytes that XML 1.0
// cannot hold (control characters, invalid UTF-8) become U+FFFD.
std::string XmlEscape(std::string_view s);

}  // namespace cep::ruletest

#endif  // CEP_RULETEST_JUNIT_H_
