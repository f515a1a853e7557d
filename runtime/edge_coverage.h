// Edge coverage for `cep test --coverage`: how often each edge of each rule's
// automaton (compiler/nfa/prog.h) was followed — an event taken, a match
// accepted, an absence completed — from which the report derives the states
// entered and the transitions never taken.
//
// Engine::SetEdgeCoverage hands each of its matchers the counters of its
// rule (RuleMatcher::set_edge_counters); a recorder shared by several
// engines of one program adds their counts up. Matchers without counters
// (always, outside cep test) count nothing. Tested by
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
  EdgeCoverage() = default;
  EdgeCoverage(const EdgeCoverage&) = delete;
  EdgeCoverage& operator=(const EdgeCoverage&) = delete;

  // The counters of `prog` (one per edge, zero at first), kept across
  // matchers of the same program; null for a rule with no edges.
  uint64_t* CountersFor(const nfa::RuleProg& prog);
  // Null when `prog` never ran under this recorder.
  const std::vector<uint64_t>* Counters(const nfa::RuleProg& prog) const;

 private:
  absl::flat_hash_map<const nfa::RuleProg*, std::vector<uint64_t>> counters_;
};

}  // namespace cep::rt

#endif  // CEP_RUNTIME_EDGE_COVERAGE_H_
