// FOR TESTING ONLY: parses and checks .cep text (the parser and checker the
// front end runs, without the later stages, so these tests depend only on
// what they test) and finds the expressions to compile in it. Header-only;
// used by tests/unit/expr_compile_test.cc and expr_eval_test.cc, nothing in
// the compiler includes it.
#ifndef CEP_COMPILER_EXPR_EXPR_TESTING_H_
#define CEP_COMPILER_EXPR_EXPR_TESTING_H_

#include <memory>
#include <string>
#include <string_view>

#include "compiler/ast/ast.h"
#include "compiler/check/check_testing.h"
#include "compiler/expr/compile_expr.h"

namespace cep::expr::testing {

// The checker's test fixture: parse + check, then look things up in the AST.
using Checked = check::testing::CheckedForTesting;
using check::testing::CheckForTestingOnly;

// CompileFilter options for an atom: its own variable.
inline CompileOptions AtomOptions(const ast::Pattern& atom) {
  CompileOptions o;
  o.own_var = atom.var_index;
  return o;
}

}  // namespace cep::expr::testing

#endif  // CEP_COMPILER_EXPR_EXPR_TESTING_H_
