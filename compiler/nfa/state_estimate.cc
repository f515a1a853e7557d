// See state_estimate.h. One walk over the rule's pattern IR.
#include "compiler/nfa/state_estimate.h"

#include <algorithm>

#include "compiler/util/strcat.h"

namespace cep::nfa {
namespace {

struct Cost {
  bool exponential = false;
  int degree = 0;  // extra factors of n per started match
};

class Estimator {
 public:
  Estimator(const ir::RuleIR& rule, const check::Schema& schema, std::vector<std::string>* causes)
      : rule_(rule), schema_(schema), causes_(causes) {}

  Cost Visit(uint32_t id) {
    const ir::Node& n = rule_.nodes[id];
    Cost c;
    switch (n.kind) {
      case ir::NodeKind::kAtom:
        return c;
      case ir::NodeKind::kSeq:
        for (size_t i = 0; i < n.children.size(); ++i) {
          Add(c, Visit(n.children[i]));
          if (i > 0 && n.policies[i - 1] == ast::SeqPolicy::kAny) {
            ++c.degree;
            causes_->push_back(StrCat("'->>' before ", Step(n.children[i]),
                                      ": it keeps waiting after each event it takes"));
          }
        }
        return c;
      case ir::NodeKind::kAlt:
        for (uint32_t child : n.children) {
          Cost k = Visit(child);
          c.exponential = c.exponential || k.exponential;
          c.degree = std::max(c.degree, k.degree);
        }
        return c;
      case ir::NodeKind::kAll:
        for (uint32_t child : n.children) Add(c, Visit(child));
        return c;
      case ir::NodeKind::kRepeat: {
        c = Visit(n.children[0]);
        if (n.max == 1) return c;
        if (n.loop_policy == ast::SeqPolicy::kAny) {
          if (n.max < 0) {
            c.exponential = true;
            causes_->push_back(StrCat("an unbounded loop with 'any' on ", Step(n.children[0]),
                                      ": every subset of its events is a partial match"));
          } else {
            c.degree += static_cast<int>(n.max) - 1;
            causes_->push_back(StrCat("a loop with 'any' on ", Step(n.children[0]), " (up to ",
                                      n.max, " iterations)"));
          }
        } else if (n.max < 0) {
          ++c.degree;
          causes_->push_back(StrCat("an unbounded loop on ", Step(n.children[0]),
                                    ": each iteration leaves a branch waiting for what follows"));
        }
        return c;
      }
    }
    return c;
  }

 private:
  static void Add(Cost& a, const Cost& b) {
    a.exponential = a.exponential || b.exponential;
    a.degree += b.degree;
  }

  // "'b' (Trade)" for the first atom of a node.
  std::string Step(uint32_t id) const {
    const ir::Node* n = &rule_.nodes[id];
    while (n->kind != ir::NodeKind::kAtom && !n->children.empty()) n = &rule_.nodes[n->children[0]];
    if (n->kind != ir::NodeKind::kAtom) return "a step";
    std::string type = n->type < schema_.size() ? schema_.type(n->type).name : "?";
    const std::string& var = n->var >= 0 ? rule_.vars[static_cast<size_t>(n->var)].name : "";
    if (var.empty() || var[0] == '$') return StrCat("the ", type, " step");
    return StrCat("'", var, "' (", type, ")");
  }

  const ir::RuleIR& rule_;
  const check::Schema& schema_;
  std::vector<std::string>* causes_;
};

}  // namespace

std::string StateEstimate::Growth() const {
  if (exponential) return "O(2^n)";
  if (degree <= 1) return "O(n)";
  return StrCat("O(n^", degree, ")");
}

StateEstimate EstimateState(const ir::RuleIR& rule, const check::Schema& schema) {
  StateEstimate e;
  if (rule.nodes.empty()) return e;
  Cost c = Estimator(rule, schema, &e.causes).Visit(rule.root);
  e.exponential = c.exponential;
  e.degree = 1 + c.degree;  // one partial match per event that starts one
  return e;
}

}  // namespace cep::nfa
