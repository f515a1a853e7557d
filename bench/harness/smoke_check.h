// The smoke check of bench/run --smoke: runs the engine over a small stream
// and the reference (tests/reference/, FOR TESTING ONLY: the matcher for
// pattern rules, the window reference for programs of `from` rules only)
// over the same events, and compares how many derived events each rule
// produced (matches and timeouts separately). Counts, never times, are
// asserted. `from` rules beside pattern rules are reported, not compared.
#ifndef CEP_BENCH_HARNESS_SMOKE_CHECK_H_
#define CEP_BENCH_HARNESS_SMOKE_CHECK_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "bench/harness/input.h"
#include "bench/harness/rules.h"

namespace cep::bench {

struct SmokeCheck {
  uint64_t engine = 0;     // derived events from the engine
  uint64_t reference = 0;  // results from the references
  bool same = false;       // equal per compared rule and kind
  // Per rule, no spaces: "B1=12/12" (engine/reference), "B1=12/11/MISMATCH",
  // "B9=40/no-reference"; timeouts as "R:timeouts=3/3".
  std::string detail;
};

// An error when the reference cannot run the rules (e.g. they read derived
// events). The events' sequence numbers are set to 1..n.
absl::StatusOr<SmokeCheck> CompareWithReference(const CompiledRules& rules, LoadedEvents& events);

}  // namespace cep::bench

#endif  // CEP_BENCH_HARNESS_SMOKE_CHECK_H_
