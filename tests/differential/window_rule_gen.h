// FOR TESTING ONLY. Random `from` rules for the windowed-rule differential
// test (window_differential.cc), generated as rule text over the event
// types of window_stream_gen.h: every window kind (tumbling; sliding with
// every < size, == size and > size; session; count with every < / == / >
// size and without every), with and without `group by` over one or two keys
// (nullable ones too), with and without `having`, every aggregate (count(),
// count(field), count(alias), sum, avg, min, max, first / last of a field
// and of the alias, stddev, distinct / count_distinct, percentile, and
// aggregates of expressions), window-less rules, filters (some reading the
// alias), and `suppress` with and without `by`.
#ifndef CEP_TESTS_DIFFERENTIAL_WINDOW_RULE_GEN_H_
#define CEP_TESTS_DIFFERENTIAL_WINDOW_RULE_GEN_H_

#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace cep::windiff {

// Features the generator can leave out (to keep testing the rest while a
// known engine bug in one of them is being fixed): "tumbling", "sliding",
// "sliding_gaps", "session", "count", "no_window", "group_by",
// "nullable_keys", "having", "suppress", "suppress_time_windows" (suppress
// on tumbling, sliding and session rules), "alias_aggregates" (first(r).f,
// count(r)), "stddev", "distinct", "percentile", "float_sums", "type_f",
// "chains" (a rule reading another rule's derived events: a `from` rule or a
// pattern rule; the reference does not support those, so such programs are
// checked only in order against out of order), "pattern_chains" (the
// pattern rule among those).
struct WindowGenOptions {
  std::set<std::string> disabled;
  bool on(const char* feature) const { return disabled.count(feature) == 0; }
};

// What a generated rule uses, for the coverage summary.
struct GenRuleInfo {
  std::string text;     // "rule R<i> { ... }\n"
  std::string window;   // "tumbling", "sliding<", "sliding=", "sliding>", "session",
                        // "count", "count<", "count=", "count>", "none"
  bool grouped = false;
  bool having = false;
  bool suppress = false;
  bool chained = false;  // reads derived events
};

// One to three rules, named R<first_index>...; each emits its own O<i>.
std::vector<GenRuleInfo> GenerateWindowRules(uint64_t seed, const WindowGenOptions& options);

// The declarations (window_stream_gen.h) followed by the rules' text.
std::string WindowProgram(const std::vector<GenRuleInfo>& rules);

}  // namespace cep::windiff

#endif  // CEP_TESTS_DIFFERENTIAL_WINDOW_RULE_GEN_H_
