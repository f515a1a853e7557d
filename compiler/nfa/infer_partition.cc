// See infer_partition.h.
#include "compiler/nfa/infer_partition.h"

namespace cep::nfa {
namespace {

class Inference {
 public:
  Inference(const ir::RuleIR& rule, size_t ntypes) : rule_(rule), slot_(ntypes, -1) {}

  bool Run(std::vector<std::vector<int32_t>>* slots) {
    if (rule_.partitioned || rule_.timeout_emit.has_value() ||
        rule_.after_match != ast::AfterMatchKind::kNoSkip) {
      return false;
    }
    const ir::Node& root = rule_.nodes[rule_.root];
    if (root.kind != ir::NodeKind::kSeq || root.children.size() < 2) return false;
    const ir::Node& first = rule_.nodes[root.children[0]];
    if (first.kind != ir::NodeKind::kAtom || rule_.vars[first.var].repeated) return false;
    root_var_ = first.var;
    // The root's key: the field the others compare with (found on them).
    if (!Visit(rule_.root, /*is_root_seq=*/true)) return false;
    for (const ir::Guard& g : rule_.absence) {
      if (!Keyed(g.type, g.filter)) return false;
    }
    if (root_slot_ < 0 || root_optional_) return false;
    EventTypeId rt = first.type;
    if (slot_[rt] >= 0 && slot_[rt] != root_slot_) return false;
    slot_[rt] = root_slot_;
    slots->assign(slot_.size(), {});
    for (size_t t = 0; t < slot_.size(); ++t) {
      if (slot_[t] >= 0) (*slots)[t] = {slot_[t]};
    }
    return true;
  }

 private:
  // Every atom but the root, and every guard, must be keyed on the root.
  bool Visit(uint32_t id, bool is_root_seq) {
    const ir::Node& n = rule_.nodes[id];
    switch (n.kind) {
      case ir::NodeKind::kAtom:
        return Keyed(n.type, n.filter);
      case ir::NodeKind::kSeq:
        for (ast::SeqPolicy p : n.policies) {
          if (p == ast::SeqPolicy::kStrict) return false;
        }
        for (const auto& gap : n.gaps) {
          for (const ir::Guard& g : gap) {
            if (!Keyed(g.type, g.filter)) return false;
          }
        }
        for (size_t c = 0; c < n.children.size(); ++c) {
          if (is_root_seq && c == 0) continue;  // the root atom
          if (!Visit(n.children[c], false)) return false;
        }
        return true;
      case ir::NodeKind::kRepeat:
        if (n.loop_policy == ast::SeqPolicy::kStrict) return false;
        if (n.until && !Keyed(n.until->type, n.until->filter)) return false;
        return Visit(n.children[0], false);
      case ir::NodeKind::kAlt:
      case ir::NodeKind::kAll:
        for (uint32_t c : n.children) {
          if (!Visit(c, false)) return false;
        }
        return true;
    }
    return false;
  }

  bool Keyed(EventTypeId type, const ir::Filter& f) {
    for (const ir::EqualityKey& k : f.eq) {
      if (k.var != root_var_ || k.kind == TypeKind::kFloat) continue;
      if (root_slot_ >= 0 && (k.var_slot != root_slot_ || k.kind != root_kind_)) continue;
      if (slot_[type] >= 0 && slot_[type] != k.field_slot) continue;
      root_slot_ = k.var_slot;
      root_kind_ = k.kind;
      root_optional_ = k.var_field_optional;
      slot_[type] = k.field_slot;
      return true;
    }
    return false;
  }

  const ir::RuleIR& rule_;
  std::vector<int32_t> slot_;  // per type: its key slot, -1 unset
  int32_t root_var_ = -1;
  int32_t root_slot_ = -1;
  TypeKind root_kind_ = TypeKind::kUnknown;
  bool root_optional_ = true;
};

}  // namespace

bool InferCorrelationPartition(const ir::RuleIR& rule, size_t ntypes,
                               std::vector<std::vector<int32_t>>* slots) {
  return Inference(rule, ntypes).Run(slots);
}

}  // namespace cep::nfa
