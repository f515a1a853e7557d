// See pattern_ir.h.
#include "compiler/ir/pattern_ir.h"

namespace cep::ir {

bool Nullable(const RuleIR& rule, uint32_t id) {
  const Node& n = rule.nodes[id];
  switch (n.kind) {
    case NodeKind::kAtom:
      return false;
    case NodeKind::kRepeat:
      return n.min == 0 || Nullable(rule, n.children[0]);
    case NodeKind::kAlt:
      for (uint32_t c : n.children) {
        if (Nullable(rule, c)) return true;
      }
      return false;
    case NodeKind::kSeq:
    case NodeKind::kAll:
      for (uint32_t c : n.children) {
        if (!Nullable(rule, c)) return false;
      }
      return true;
  }
  return false;
}

}  // namespace cep::ir
