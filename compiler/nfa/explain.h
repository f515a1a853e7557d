// What `cep explain` says about a pattern rule beside its automaton: its
// selection (contiguity) policies, its after-match strategy, the single-event
// predicates it tests and which other rules share them (each is evaluated
// once per event for all of them: compiler/ir PredicateTable), and the
// static state estimate (state_estimate.h). Tested by
// tests/unit/explain_test.cc and tests/cli/tooling_test.sh.
#ifndef CEP_COMPILER_NFA_EXPLAIN_H_
#define CEP_COMPILER_NFA_EXPLAIN_H_

#include <string>
#include <utility>
#include <vector>

#include "compiler/check/checked_program.h"
#include "compiler/ir/pattern_ir.h"
#include "compiler/nfa/prog.h"
#include "compiler/nfa/state_estimate.h"
#include "compiler/source/source_manager.h"

namespace cep::nfa {

struct PredicateUse {
  ir::PredId id = ir::kNoPred;
  std::string type;                      // the event type it tests
  std::string text;                      // as written; empty when not traced to the source
  std::vector<std::string> shared_with;  // the other rules (pattern or from) that test it
};

struct RuleFacts {
  std::string name;
  // Transitions after the first step, per contiguity policy (start
  // transitions are taken by every event and have none).
  std::vector<std::pair<ast::SeqPolicy, int>> selection;
  std::vector<PredicateUse> predicates;
  StateEstimate estimate;
  std::string window;  // what n counts: "its events within 10m", ...
};

// For every predicate of `ir`, its text as written in the rules: the
// conjuncts of a filter that read only the event, joined with `and`.
std::vector<std::string> PredicateTexts(const check::CheckedProgram& checked,
                                        const ir::ProgramIR& ir, const SourceManager& sources);

// For every shared predicate, the names of the rules (pattern and `from`)
// that test it, in program order.
std::vector<std::vector<std::string>> PredicateUsers(const Prog& prog);

RuleFacts ExplainRule(const Prog& prog, size_t rule, const check::Schema& schema,
                      const std::vector<std::string>& predicate_texts);

// The facts as the indented lines `cep explain` prints after the automaton.
std::string FormatFacts(const RuleFacts& facts);

}  // namespace cep::nfa

#endif  // CEP_COMPILER_NFA_EXPLAIN_H_
