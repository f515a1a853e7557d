// Text and Graphviz DOT renderings of NFA programs, for `cep explain`,
// `cep dump --stage=nfa` and golden tests. Stable formats.
#ifndef CEP_COMPILER_NFA_DUMP_H_
#define CEP_COMPILER_NFA_DUMP_H_

#include <string>

#include "compiler/check/schema.h"
#include "compiler/nfa/prog.h"

namespace cep::nfa {

std::string DumpRule(const Prog& prog, size_t rule, const check::Schema& schema);
std::string DumpRuleDot(const Prog& prog, size_t rule, const check::Schema& schema);

}  // namespace cep::nfa

#endif  // CEP_COMPILER_NFA_DUMP_H_
