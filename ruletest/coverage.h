// Rule coverage for `cep test --coverage`: per pattern rule of the rule files
// the tests loaded, how often each transition of its automaton was taken
// (runtime/edge_coverage.h counts them) and so which states were entered,
// which transitions were never taken, and which rules were never reached;
// per windowed rule, how many events the tests made it derive.
// Rules are identified by file and name, so tests in several files that load
// the same rules add up. Tested by tests/unit/ruletest_test.cc.
#ifndef CEP_RULETEST_COVERAGE_H_
#define CEP_RULETEST_COVERAGE_H_

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "compiler/check/schema.h"
#include "compiler/nfa/prog.h"

namespace cep::ruletest {

class Coverage {
 public:
  // Adds what one run counted for rule `rule` of `prog` (defined in `file`);
  // `hits` may be null (the rule never ran).
  void Add(const std::string& file, const nfa::Prog& prog, size_t rule, const check::Schema& schema,
           const std::vector<uint64_t>* hits);
  // Windowed (`from`) rules have no automaton: a windowed rule counts as
  // reached when the tests made it emit (`derived` events).
  void AddWindowed(const std::string& file, const std::string& rule, uint64_t derived);

  struct RuleCoverage {
    std::vector<uint64_t> edge_hits;       // per edge
    std::vector<std::string> edge_text;    // "state 2 (take ok: Login pred#1) -> accept"
    std::vector<uint32_t> edge_target;     // take edges: the state entered; else 0
    uint32_t states = 0;                   // without the start state
    bool windowed = false;                 // a `from` rule: only derived_events counts
    uint64_t derived_events = 0;
  };
  const std::map<std::pair<std::string, std::string>, RuleCoverage>& rules() const { return rules_; }

  // The report: a summary line, then one line per rule and the transitions
  // never taken under it.
  std::string Report() const;

 private:
  std::map<std::pair<std::string, std::string>, RuleCoverage> rules_;  // (file, rule)
};

}  // namespace cep::ruletest

#endif  // CEP_RULETEST_COVERAGE_H_
