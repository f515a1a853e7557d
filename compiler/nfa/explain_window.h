// What `cep explain` says about a windowed (`from`) rule, which has no
// automaton: how its window runs (panes, how many per window, when a window
// closes), its filter and the rules sharing that predicate, its group keys,
// the aggregates it keeps per pane, `having`, `emit`, `suppress`, and the
// state it holds per group — the same facts docs/language.md ("Windowed
// rules") states in general, for this one rule. Tested by
// tests/unit/explain_test.cc and tests/cli/tooling_test.sh.
#ifndef CEP_COMPILER_NFA_EXPLAIN_WINDOW_H_
#define CEP_COMPILER_NFA_EXPLAIN_WINDOW_H_

#include <string>
#include <vector>

#include "compiler/check/checked_program.h"
#include "compiler/nfa/prog.h"
#include "compiler/source/source_manager.h"

namespace cep::nfa {

// The text block for window rule `w` (ProgramIR::window_rules index);
// `predicate_texts` as from PredicateTexts (explain.h).
std::string ExplainWindowRule(const Prog& prog, size_t w, const check::CheckedProgram& checked,
                              const SourceManager& sources,
                              const std::vector<std::string>& predicate_texts);

}  // namespace cep::nfa

#endif  // CEP_COMPILER_NFA_EXPLAIN_WINDOW_H_
