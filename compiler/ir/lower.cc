// See lower.h.
#include "compiler/ir/lower.h"

#include "compiler/ir/lower_parts.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "compiler/expr/compile_expr.h"
#include "compiler/util/strcat.h"

namespace cep::ir {
namespace {

class RuleLowering {
 public:
  RuleLowering(const check::CheckedProgram& checked, const check::CheckedRule& cr,
               ProgramIR& out, PredicateIndex& pred_index)
      : checked_(checked), cr_(cr), rule_(*cr.rule), out_(out), pred_index_(pred_index) {}

  RuleIR Run() {
    ir_.name = rule_.name.text;
    ir_.range = rule_.name.range;
    ir_.pattern_range = rule_.pattern->range;
    ir_.input_types = cr_.input_types;
    for (const ast::Variable& v : rule_.variables) {
      Var var;
      var.name = v.name.text;
      var.type = v.event_type;
      var.repeated = v.repeated;
      var.is_group = v.decl != nullptr && v.decl->kind != ast::PatternKind::kAtom;
      ir_.vars.push_back(std::move(var));
    }
    ir_.within_ns = rule_.within_ns;
    const ast::Pattern* root = rule_.pattern.get();
    // A trailing negation at the end of the top-level sequence is the absence.
    if (root->kind == ast::PatternKind::kSeq && !root->children.empty() &&
        root->children.back()->kind == ast::PatternKind::kNot) {
      ir_.root = LowerSeq(*root, /*trailing_absence=*/true);
    } else {
      ir_.root = Lower(*root);
    }
    if (rule_.after_match) {
      ir_.after_match = rule_.after_match->kind;
      ir_.after_match_var = FindVar(rule_.after_match->var.text);
    }
    size_t ntypes = checked_.schema.size();
    ir_.partition_slots.resize(ntypes);
    for (const check::PartitionSlots& ps : cr_.partition) {
      if (ps.event_type < ntypes) ir_.partition_slots[ps.event_type] = ps.slots;
      ir_.partitioned = true;
    }
    if (rule_.emit) ir_.emit = LowerEmit(*rule_.emit, checked_, {});
    if (rule_.timeout_emit) ir_.timeout_emit = LowerEmit(*rule_.timeout_emit, checked_, {});
    ir_.suppress = LowerSuppress(rule_, cr_, checked_, {});
    // Group variables: the atom variables inside.
    for (size_t i = 0; i < ir_.nodes.size(); ++i) {
      if (ir_.nodes[i].group_var >= 0) CollectMembers(static_cast<uint32_t>(i), ir_.nodes[i].group_var);
    }
    return std::move(ir_);
  }

 private:
  int32_t FindVar(const std::string& name) const {
    for (size_t i = 0; i < ir_.vars.size(); ++i) {
      if (ir_.vars[i].name == name) return static_cast<int32_t>(i);
    }
    return -1;
  }

  uint32_t AddNode(Node n) {
    ir_.nodes.push_back(std::move(n));
    return static_cast<uint32_t>(ir_.nodes.size() - 1);
  }

  void CollectMembers(uint32_t node, int32_t group_var) {
    const Node& n = ir_.nodes[node];
    if (n.kind == NodeKind::kAtom) {
      auto& m = ir_.vars[group_var].members;
      if (std::find(m.begin(), m.end(), n.var) == m.end()) m.push_back(n.var);
      return;
    }
    for (uint32_t c : n.children) CollectMembers(c, group_var);
  }

  Filter LowerFilter(const ast::Expr* filter, EventTypeId type, int32_t own_var) {
    Filter f;
    if (filter == nullptr) return f;
    expr::CompileOptions opts;
    opts.own_var = own_var;
    expr::SplitFilter split = expr::CompileFilter(*filter, checked_, opts);
    if (split.single) f.pred = InternPredicate(out_, pred_index_, type, std::move(*split.single));
    if (split.rest) {
      f.check = static_cast<int32_t>(ir_.checks.size());
      ir_.checks.push_back(std::move(*split.rest));
    }
    CollectEqualities(*filter, own_var, f.eq);
    return f;
  }

  // The slot of a field of the event being tested: `f` or `own.f`.
  static int32_t CurrentField(const ast::Expr& e, int32_t own_var) {
    if (e.kind == ast::ExprKind::kName && e.ref == ast::NameRef::kField) return e.slot;
    if (e.kind == ast::ExprKind::kField && !e.args.empty() &&
        e.args[0]->ref == ast::NameRef::kVariable && e.args[0]->decl_index == own_var &&
        own_var >= 0) {
      return e.slot;
    }
    return -1;
  }

  // Top-level `and` conjuncts `f == v.g` with v an earlier single variable.
  void CollectEqualities(const ast::Expr& e, int32_t own_var, std::vector<EqualityKey>& out) {
    if (e.kind == ast::ExprKind::kBinary && e.op == ast::Op::kAnd) {
      CollectEqualities(*e.args[0], own_var, out);
      CollectEqualities(*e.args[1], own_var, out);
      return;
    }
    if (e.kind != ast::ExprKind::kBinary || e.op != ast::Op::kEq) return;
    for (int side = 0; side < 2; ++side) {
      const ast::Expr& mine = *e.args[side];
      const ast::Expr& other = *e.args[1 - side];
      int32_t slot = CurrentField(mine, own_var);
      if (slot < 0 || other.kind != ast::ExprKind::kField || other.args.empty()) continue;
      const ast::Expr& obj = *other.args[0];
      if (obj.ref != ast::NameRef::kVariable || obj.decl_index < 0 ||
          obj.decl_index == own_var || other.slot < 0) {
        continue;
      }
      const Var& var = ir_.vars[obj.decl_index];
      if (var.repeated || var.is_group || var.type == kNoEventType) continue;
      if (mine.type.kind != other.type.kind) continue;
      const check::EventTypeInfo& info = checked_.schema.type(var.type);
      EqualityKey k;
      k.field_slot = slot;
      k.var = obj.decl_index;
      k.var_slot = other.slot;
      k.kind = mine.type.kind;
      k.var_field_optional = other.slot >= static_cast<int32_t>(info.fields.size()) ||
                             info.fields[other.slot].optional;
      out.push_back(k);
      return;
    }
  }

  Guard LowerGuard(const ast::Pattern& atom) {
    Guard g;
    g.type = atom.event_type;
    g.filter = LowerFilter(atom.filter.get(), atom.event_type, -1);
    return g;
  }

  // The variable of an atom; unnamed atoms get one of their own ("$1", ...),
  // which no expression can name but which the match reports carry.
  int32_t AtomVar(const ast::Pattern& p) {
    if (p.var_index >= 0) return p.var_index;
    Var v;
    v.name = StrCat("$", ++anonymous_);
    v.type = p.event_type;
    v.repeated = repeat_depth_ > 0;
    ir_.vars.push_back(std::move(v));
    return static_cast<int32_t>(ir_.vars.size() - 1);
  }

  uint32_t Lower(const ast::Pattern& p) {
    switch (p.kind) {
      case ast::PatternKind::kAtom: {
        Node n;
        n.kind = NodeKind::kAtom;
        n.type = p.event_type;
        n.var = AtomVar(p);
        n.filter = LowerFilter(p.filter.get(), p.event_type, n.var);
        return AddNode(std::move(n));
      }
      case ast::PatternKind::kGroup: {
        uint32_t inner = Lower(*p.children[0]);
        if (p.var_index >= 0) {
          // Wrap so the binding has a node of its own even for a single atom.
          Node n;
          n.kind = NodeKind::kSeq;
          n.children = {inner};
          n.group_var = p.var_index;
          return AddNode(std::move(n));
        }
        return inner;
      }
      case ast::PatternKind::kAll:
      case ast::PatternKind::kAlt: {
        Node n;
        n.kind = p.kind == ast::PatternKind::kAll ? NodeKind::kAll : NodeKind::kAlt;
        for (const auto& c : p.children) n.children.push_back(Lower(*c));
        n.group_var = p.kind == ast::PatternKind::kAll ? p.var_index : -1;
        return AddNode(std::move(n));
      }
      case ast::PatternKind::kSeq:
        return LowerSeq(p, false);
      case ast::PatternKind::kRepeat: {
        Node n;
        n.kind = NodeKind::kRepeat;
        n.min = p.quant.min;
        n.max = p.quant.max;
        n.greedy = p.quant.greedy;
        n.loop_policy = p.quant.loop_policy;
        if (n.max != 1) ++repeat_depth_;
        uint32_t child = Lower(*p.children[0]);
        if (n.max != 1) --repeat_depth_;
        n.children = {child};
        if (p.until) n.until = LowerGuard(*p.until);
        return AddNode(std::move(n));
      }
      case ast::PatternKind::kNot:
        // Negations are consumed by LowerSeq; the checker rejects any other place.
        return AddNode(Node{});
    }
    return AddNode(Node{});
  }

  uint32_t LowerSeq(const ast::Pattern& p, bool trailing_absence) {
    Node n;
    n.kind = NodeKind::kSeq;
    std::vector<Guard> pending;  // negations since the last positive step
    size_t count = p.children.size();
    size_t last_positive = count;
    if (trailing_absence) {
      while (last_positive > 0 && p.children[last_positive - 1]->kind == ast::PatternKind::kNot) {
        --last_positive;
      }
    }
    for (size_t i = 0; i < count; ++i) {
      const ast::Pattern& c = *p.children[i];
      if (i >= last_positive) {
        // Trailing absence: every negation after the last positive step.
        ir_.absence.push_back(LowerGuard(*c.children[0]));
        if (c.within_ns > 0) ir_.absence_ns = c.within_ns;
        continue;
      }
      if (c.kind == ast::PatternKind::kNot) {
        pending.push_back(LowerGuard(*c.children[0]));
        continue;
      }
      if (!n.children.empty()) {
        // The policy of the operator written just before this step.
        n.policies.push_back(p.seq_ops[i - 1]);
        n.gaps.push_back(std::move(pending));
        pending.clear();
      }
      n.children.push_back(Lower(c));
    }
    if (n.children.size() == 1 && n.gaps.empty() && n.group_var < 0) return n.children[0];
    return AddNode(std::move(n));
  }

  const check::CheckedProgram& checked_;
  const check::CheckedRule& cr_;
  const ast::Rule& rule_;
  ProgramIR& out_;
  PredicateIndex& pred_index_;
  RuleIR ir_;
  int anonymous_ = 0;
  int repeat_depth_ = 0;
};

}  // namespace

ProgramIR Lower(const check::CheckedProgram& checked) {
  ProgramIR out;
  PredicateIndex pred_index;
  // Program order: output at one completion point is ordered by rule.
  for (uint32_t index = 0; index < checked.rules.size(); ++index) {
    const check::CheckedRule& cr = checked.rules[index];
    if (cr.has_errors || cr.rule == nullptr) continue;
    if (!cr.is_pattern) {
      if (!cr.rule->from.has_value()) continue;
      WindowRuleIR w = LowerWindowRule(checked, cr, out, pred_index);
      w.rule_index = index;
      out.window_rules.push_back(std::move(w));
      continue;
    }
    if (!cr.rule->pattern) continue;
    RuleIR rule = RuleLowering(checked, cr, out, pred_index).Run();
    rule.rule_index = index;
    out.rules.push_back(std::move(rule));
  }
  return out;
}

}  // namespace cep::ir
