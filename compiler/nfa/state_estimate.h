// A static estimate of how many partial matches (waiters) one pattern rule
// can keep alive in one partition, for `cep explain`: a growth class in n,
// the number of the partition's events that arrive within one `within`
// window (the whole history of the partition when the rule has no
// `within`). The rule of the estimate, documented in docs/tooling.md:
//
//   every event that can start a match starts one:              n
//   times, per step of the pattern,
//     a step after `->>` (skip-till-any-match): it keeps waiting
//     after taking an event, one branch per matching event:     x n
//     an unbounded loop with `->`/`;` between iterations: each
//     iteration leaves a branch waiting for what follows:       x n
//     a loop with `any` between iterations: every subset of the
//     matching events is a branch: bounded {m,M}: x n^(M-1);
//     unbounded:                                                2^n  (can explode)
//     alternatives: the costliest; all(...): the product
//
// So `a -> b+ -> c` is O(n^2), `a ->> b ->> c` O(n^3), `a -> b+ any -> c`
// O(2^n). It is an upper bound on the shape of growth, not a count: after-
// match strategies, negations, filters and the merging of identical runs
// only lower it, and `--max-runs-per-partition` caps it at run time.
// Tested by tests/unit/explain_test.cc against measured peaks.
#ifndef CEP_COMPILER_NFA_STATE_ESTIMATE_H_
#define CEP_COMPILER_NFA_STATE_ESTIMATE_H_

#include <string>
#include <vector>

#include "compiler/check/schema.h"
#include "compiler/ir/pattern_ir.h"

namespace cep::nfa {

struct StateEstimate {
  bool exponential = false;   // O(2^n): can explode
  int degree = 1;             // else O(n^degree)
  std::vector<std::string> causes;  // the constructs that raise it, in words

  bool can_explode() const { return exponential; }
  // "O(n^2)", "O(2^n)".
  std::string Growth() const;
};

StateEstimate EstimateState(const ir::RuleIR& rule, const check::Schema& schema);

}  // namespace cep::nfa

#endif  // CEP_COMPILER_NFA_STATE_ESTIMATE_H_
