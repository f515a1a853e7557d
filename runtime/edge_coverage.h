// Edge coverage for `cep test --coverage`: how often each edge of each rule's
// automaton (compiler/nfa/prog.h) was followed — an event taken, a match
// accepted, an absence completed — from which the report derives the states
// entered and the transitions never taken.
//
// The counters reach the matchers through RuleMatcher::set_edge_counters.
// The engine does not expose its matchers, so for now a recorder is made
// *active* on its thread for as long as it lives, and every RuleMatcher
// constructed meanwhile asks it for its rule's counters; without an active
// recorder (always, outside cep test) matchers get none and count nothing.
// Not thread-safe: one recorder per thread. Tested by
// tests/unit/ruletest_test.cc.
#ifndef CEP_RUNTIME_EDGE_COVERAGE_H_
#define CEP_RUNTIME_EDGE_COVERAGE_H_

#include <cstdint>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "compiler/nfa/prog.h"

namespace cep::rt {

class EdgeCoverage {
 public:
  // Becomes the active recorder of this thread (the previous one comes back
  // when this one is destroyed).
  EdgeCoverage();
  ~EdgeCoverage();
  EdgeCoverage(const EdgeCoverage&) = delete;
  EdgeCoverage& operator=(const EdgeCoverage&) = delete;

  // The counters of `prog` (one per edge, zero at first), kept across
  // matchers of the same program.
  uint64_t* CountersFor(const nfa::RuleProg& prog);
  // Null when `prog` never ran under this recorder.
  const std::vector<uint64_t>* Counters(const nfa::RuleProg& prog) const;

  // For RuleMatcher's constructor: the active recorder's counters, or null.
  static uint64_t* CountersForNewMatcher(const nfa::RuleProg& prog);

 private:
  absl::flat_hash_map<const nfa::RuleProg*, std::vector<uint64_t>> counters_;
  EdgeCoverage* previous_;
};

}  // namespace cep::rt

#endif  // CEP_RUNTIME_EDGE_COVERAGE_H_
