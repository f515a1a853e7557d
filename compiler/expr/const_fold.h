// Internal to compiler/expr/: folds constant sub-expressions of a checked
// expression (literals, consts, and operators / the few functions over them)
// to a check::ConstValue, with exactly the run-time semantics of
// runtime/expr_eval.cc. Where the run time would do something the folder
// does not model (int overflow wraps, int division by zero is null, a
// duration out of range is null) the folder declines (nullopt) and the
// expression is compiled to code instead, so folding never changes a result.
// Used by compile_expr.cc for timestamp("..."), the regex of matches(),
// percentile's p and, as an optimisation, any constant sub-expression.
// Tested through compile_expr.h by tests/unit/expr_compile_test.cc.
#ifndef CEP_COMPILER_EXPR_CONST_FOLD_H_
#define CEP_COMPILER_EXPR_CONST_FOLD_H_

#include <cstdint>
#include <optional>
#include <string_view>

#include "compiler/ast/ast.h"
#include "compiler/check/checked_program.h"
#include "compiler/check/const_value.h"

namespace cep::expr::internal {

// The value of `e` if it reads nothing at run time and folds; else nullopt.
std::optional<check::ConstValue> FoldConst(const ast::Expr& e,
                                           const check::CheckedProgram& checked);

// RFC 3339 (as the checker validates it: absl's RFC3339_full) to ns.
std::optional<int64_t> ParseTimestampConst(std::string_view text);

// Number of UTF-8 code points (bytes that are not continuation bytes): the
// language's string length, as the run time's length() counts it.
int64_t Utf8Length(std::string_view s);

}  // namespace cep::expr::internal

#endif  // CEP_COMPILER_EXPR_CONST_FOLD_H_
