// A line diff in unified format (as `diff -u` prints it), for `cep fmt
// --check`: the shortest edit script by Myers' O((N+M)D) algorithm, grouped
// into hunks with `context` unchanged lines around each change. No external
// `diff` program is needed. Tested by tests/unit/fmt_test.cc.
#ifndef CEP_COMPILER_FMT_UNIFIED_DIFF_H_
#define CEP_COMPILER_FMT_UNIFIED_DIFF_H_

#include <string>
#include <string_view>

namespace cep::fmt {

// Empty when the texts are equal. Otherwise "--- <from_name>\n+++
// <to_name>\n" and the hunks ("@@ -l,n +l,n @@", then " ", "-" and "+"
// lines). A last line without a newline is marked as diff marks it.
std::string UnifiedDiff(std::string_view from, std::string_view to, std::string_view from_name,
                        std::string_view to_name, int context = 3);

}  // namespace cep::fmt

#endif  // CEP_COMPILER_FMT_UNIFIED_DIFF_H_
