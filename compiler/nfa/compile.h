// Compiles the pattern IR into NFA programs: a Glushkov construction with
// continuation lists. Bounded repeats are expanded into copies (X{2,4} is
// X X (X (X)?)?), unbounded ones loop back; `all(...)` becomes the
// alternation of its children's orders. A rule that would exceed the size
// budget gets a diagnostic (rule-too-large), not a crash.
// Tested by tests/unit/nfa_compile_test.cc and the differential tests.
#ifndef CEP_COMPILER_NFA_COMPILE_H_
#define CEP_COMPILER_NFA_COMPILE_H_

#include "compiler/diag/diagnostic.h"
#include "compiler/nfa/prog.h"

namespace cep::nfa {

struct CompileLimits {
  uint32_t max_states = 4096;    // per rule
  uint32_t max_edges = 65536;    // per rule
  uint32_t max_all_children = 5; // all(...) expands into n! orders
};

Prog Compile(const ir::ProgramIR& ir, const CompileLimits& limits, DiagnosticEngine& diags);

}  // namespace cep::nfa

#endif  // CEP_COMPILER_NFA_COMPILE_H_
