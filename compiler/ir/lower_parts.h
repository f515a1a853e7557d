// Pieces of lowering shared by pattern rules (lower.cc) and `from` rules
// (lower_window.cc): predicate interning, emit and suppress clauses.
// Internal to compiler/ir/.
#ifndef CEP_COMPILER_IR_LOWER_PARTS_H_
#define CEP_COMPILER_IR_LOWER_PARTS_H_

#include <optional>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "compiler/check/checked_program.h"
#include "compiler/expr/compile_expr.h"
#include "compiler/ir/pattern_ir.h"

namespace cep::ir {

// Equal single-event programs on one type share one PredId.
using PredicateIndex = absl::flat_hash_map<std::string, PredId>;
PredId InternPredicate(ProgramIR& out, PredicateIndex& index, EventTypeId type,
                       expr::Program program);

EmitIR LowerEmit(const ast::EmitSpec& spec, const check::CheckedProgram& checked,
                 const expr::CompileOptions& options);

// nullopt when the rule has no `suppress` clause.
std::optional<SuppressIR> LowerSuppress(const ast::Rule& rule, const check::CheckedRule& cr,
                                        const check::CheckedProgram& checked,
                                        const expr::CompileOptions& options);

// A checked `from` rule (windowed or not).
WindowRuleIR LowerWindowRule(const check::CheckedProgram& checked, const check::CheckedRule& cr,
                             ProgramIR& out, PredicateIndex& index);

}  // namespace cep::ir

#endif  // CEP_COMPILER_IR_LOWER_PARTS_H_
