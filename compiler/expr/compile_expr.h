// Compiles checked expressions (the AST after check::Check, without errors)
// into expr::Program bytecode. Also splits an atom's filter into the part
// that reads only the event itself (a single-event predicate, evaluated once
// per event and shared across rules) and the part that reads the match
// (correlation with earlier variables, prev, running aggregates).
// Tested by tests/unit/expr_compile_test.cc and expr_eval_test.cc.
#ifndef CEP_COMPILER_EXPR_COMPILE_EXPR_H_
#define CEP_COMPILER_EXPR_COMPILE_EXPR_H_

#include <optional>

#include "compiler/ast/ast.h"
#include "compiler/check/checked_program.h"
#include "compiler/expr/program.h"

namespace cep::expr {

struct CompileOptions {
  // In an atom's filter: the atom's own variable. A non-repeated own
  // variable names the current event (`a: A[a.x > 1]`); aggregates over a
  // repeated own variable include the current event. Also in a `from` rule's
  // filter, `group by` keys and window-less outputs: the `as` alias (the
  // current event there).
  int32_t own_var = -1;
  // A windowed `from` rule's having / emit / suppress: every aggregate ranges
  // over the window's events (Aggregate::var = -2), also when its argument
  // names them through the `as` alias, and bare fields inside aggregates read
  // the aggregated event. (Aggregates whose argument reads bare fields are
  // recognised as window aggregates without it; the alias needs it.)
  bool window = false;
};

Program CompileExpr(const ast::Expr& e, const check::CheckedProgram& checked,
                    const CompileOptions& options = {});

struct SplitFilter {
  std::optional<Program> single;  // conjuncts reading only the current event and consts
  std::optional<Program> rest;    // the other conjuncts, in their written order
};
// Splits a top-level `and` chain; each part keeps the written order of its
// conjuncts (short-circuit order stays the author's within each part).
SplitFilter CompileFilter(const ast::Expr& filter, const check::CheckedProgram& checked,
                          const CompileOptions& options);

// A canonical byte string of a program (code and constants), equal for
// programs that compute the same thing the same way: the key under which
// single-event predicates are shared across rules.
std::string CanonicalKey(const Program& p);

// A canonical byte string of aggregate `agg_index` of `p` — function,
// variable, p, kinds and its argument's code with the constants, regexes and
// field tables it uses written out (not their indices, which are local to
// `p`) — equal for aggregates of any two programs that compute the same
// thing: the key under which running aggregates can share a state.
std::string CanonicalAggregateKey(const Program& p, uint32_t agg_index);

}  // namespace cep::expr

#endif  // CEP_COMPILER_EXPR_COMPILE_EXPR_H_
