// Lowering: the checked AST of every pattern rule -> pattern IR. Splits each
// filter into a shared single-event predicate and a rule-local check,
// interning the predicates across all rules; moves negations into the gaps
// of their sequence and a trailing negation into the rule's absence; gives
// unnamed atoms variables of their own. Runs only on error-free programs.
// Tested by tests/unit/ir_lower_test.cc.
#ifndef CEP_COMPILER_IR_LOWER_H_
#define CEP_COMPILER_IR_LOWER_H_

#include "compiler/check/checked_program.h"
#include "compiler/ir/pattern_ir.h"

namespace cep::ir {

ProgramIR Lower(const check::CheckedProgram& checked);

}  // namespace cep::ir

#endif  // CEP_COMPILER_IR_LOWER_H_
