// Text and Graphviz DOT renderings of NFA programs, for `cep explain`,
// `cep dump --stage=nfa` and golden tests. Stable formats.
#ifndef CEP_COMPILER_NFA_DUMP_H_
#define CEP_COMPILER_NFA_DUMP_H_

#include <string>
#include <vector>

#include "compiler/check/schema.h"
#include "compiler/nfa/prog.h"

namespace cep::nfa {

std::string DumpRule(const Prog& prog, size_t rule, const check::Schema& schema);
std::string DumpRuleDot(const Prog& prog, size_t rule, const check::Schema& schema);
// Several rules in one graph, a cluster each, titled "rule NAME" and the
// lines of labels[i] (for `cep explain --format svg`: one picture).
std::string DumpRulesDot(const Prog& prog, const std::vector<size_t>& rules,
                         const check::Schema& schema, const std::vector<std::string>& labels);

// One state or edge of rule program `r`, in words, as the coverage report
// names them: "state 2 (take ok: Login pred#1)", "state 2 (take ok: Login
// pred#1) -> 3 relaxed", "... -> accept".
std::string DescribeState(const RuleProg& r, uint32_t state, const check::Schema& schema);
std::string DescribeEdge(const RuleProg& r, uint32_t edge, const check::Schema& schema);

}  // namespace cep::nfa

#endif  // CEP_COMPILER_NFA_DUMP_H_
