// Pattern binding: resolves every atom's event type (unknown-type with
// did-you-mean), binds pattern variables (duplicate-variable; one name may be
// bound in two alternatives of `|` when both bind the same event type),
// evaluates quantifier bounds (invalid-quantifier) and checks that only
// single atoms are negated and never bound (invalid-negation). Also answers
// "can this atom read that variable?" from the two nodes' ancestor paths: the
// node where the paths part decides (a sequence: earlier steps are visible;
// `|`: another alternative; all(): a sibling).
// O(pattern size x variables). Tested by tests/unit/check_pattern_test.cc.
#include "compiler/util/strcat.h"
#include "compiler/check/rule_state.h"

namespace cep::check {
namespace {

constexpr int64_t kMaxRepeat = 1000;  // as RE2's maximum_repeat_count

class Binder {
 public:
  explicit Binder(RuleState& rs) : rs_(rs), ctx_(rs.ctx) {}

  void Bind(ast::Pattern& p, PatternPath& path, bool repeated, ast::Pattern* negation,
            ast::Pattern* loop);

 private:
  void EvalQuantifier(ast::Pattern& p);
  int64_t Bound(ast::Expr& e, bool* ok);
  void DeclareVar(ast::Pattern& p, const PatternPath& path, EventTypeId type, bool repeated);
  std::string Text(SourceRange r) const {
    if (!r.valid() || r.file >= ctx_.sources.file_count() || r.end <= r.begin) return "";
    return std::string(ctx_.sources.text(r));
  }

  RuleState& rs_;
  CheckContext& ctx_;
};

void Binder::Bind(ast::Pattern& p, PatternPath& path, bool repeated, ast::Pattern* negation,
                  ast::Pattern* loop) {
  switch (p.kind) {
    case ast::PatternKind::kAtom: {
      AtomInfo info;
      info.atom = &p;
      info.negation = negation;
      info.loop = loop;
      info.path = path;
      const ast::Pattern* body =
          loop == nullptr || loop->children.empty() ? nullptr : loop->children[0].get();
      const bool same_as_body = body != nullptr && body->kind == ast::PatternKind::kAtom &&
                                p.type_name.range == body->type_name.range;
      if (loop != nullptr && (p.type_name.empty() || same_as_body)) {
        // `until [cond]`: an event of the loop's own type.
        if (body != nullptr && body->kind == ast::PatternKind::kAtom) {
          p.event_type = body->event_type;
        } else {
          ctx_.diags.Report(DiagKind::kUnknownType, p.range,
                            "'until' without an event type needs a loop over one event type; "
                            "write 'until Type[...]'");
        }
      } else {
        const EventTypeInfo* t = LookupEventType(ctx_, rs_.module, p.type_name);
        p.event_type = t != nullptr ? t->id : kNoEventType;
      }
      if (p.event_type != kNoEventType) info.type = &ctx_.out.schema.type(p.event_type);
      rs_.atom_index.emplace(&p, static_cast<int32_t>(rs_.atoms.size()));
      rs_.atoms.push_back(std::move(info));
      if (!p.var.empty()) {
        if (negation != nullptr) {
          ctx_.diags.Report(DiagKind::kInvalidNegation, p.var.range,
                            StrCat("a negated event is never matched, so it cannot be "
                                         "bound to the variable '",
                                         p.var.text, "'"));
        } else {
          DeclareVar(p, path, p.event_type, repeated);
        }
      }
      return;
    }
    case ast::PatternKind::kGroup:
    case ast::PatternKind::kAll:
      if (!p.var.empty()) DeclareVar(p, path, kNoEventType, repeated);
      break;
    case ast::PatternKind::kNot: {
      rs_.negations.push_back(&p);
      ast::Pattern* child = p.children.empty() ? nullptr : p.children[0].get();
      if (child == nullptr) return;
      if (child->kind != ast::PatternKind::kAtom) {
        ctx_.diags.Report(DiagKind::kInvalidNegation, child->range,
                          "only a single event can be negated, e.g. '!Payment[order_id == "
                          "o.id]'; negate each event type separately");
        return;
      }
      path.push_back({&p, 0});
      Bind(*child, path, repeated, &p, nullptr);
      path.pop_back();
      return;
    }
    case ast::PatternKind::kRepeat: {
      EvalQuantifier(p);
      rs_.loops.push_back(&p);
      if (!p.children.empty() && p.children[0] != nullptr) {
        path.push_back({&p, 0});
        Bind(*p.children[0], path, repeated || p.quant.max != 1, negation, nullptr);
        path.pop_back();
      }
      if (p.until != nullptr) {
        path.push_back({&p, 1});
        Bind(*p.until, path, repeated, nullptr, &p);
        path.pop_back();
      }
      return;
    }
    case ast::PatternKind::kSeq:
    case ast::PatternKind::kAlt:
      break;
  }
  for (size_t i = 0; i < p.children.size(); ++i) {
    if (p.children[i] == nullptr) continue;
    path.push_back({&p, static_cast<int>(i)});
    Bind(*p.children[i], path, repeated, negation, nullptr);
    path.pop_back();
  }
}

void Binder::DeclareVar(ast::Pattern& p, const PatternPath& path, EventTypeId type,
                        bool repeated) {
  std::vector<ast::Variable>& vars = rs_.rule.variables;
  for (size_t i = 0; i < vars.size(); ++i) {
    if (vars[i].name.text != p.var.text) continue;
    const PatternPath& other = rs_.var_paths[i];
    size_t k = 0;
    while (k < path.size() && k < other.size() && path[k].node == other[k].node &&
           path[k].child == other[k].child) {
      ++k;
    }
    const bool alternatives = k < path.size() && k < other.size() &&
                              path[k].node == other[k].node &&
                              path[k].node->kind == ast::PatternKind::kAlt;
    if (alternatives && vars[i].event_type == type && vars[i].repeated == repeated &&
        type != kNoEventType) {
      p.var_index = static_cast<int32_t>(i);
      return;
    }
    std::string msg;
    if (!alternatives) {
      msg = StrCat("variable '", p.var.text, "' is already bound in this pattern");
    } else if (type != kNoEventType && vars[i].event_type != kNoEventType &&
               type != vars[i].event_type) {
      msg = StrCat("variable '", p.var.text, "' is bound to '",
                   ctx_.out.schema.type(type).name, "' here but to '",
                   ctx_.out.schema.type(vars[i].event_type).name,
                   "' in another alternative; an alternative may reuse a name only for the "
                   "same event type");
    } else {
      msg = StrCat("variable '", p.var.text,
                   "' is bound in two alternatives to different kinds of steps; an "
                   "alternative may reuse a name only for one event of the same type, "
                   "repeated alike");
    }
    ctx_.diags.Report(DiagKind::kDuplicateVariable, p.var.range, std::move(msg))
        .Note(vars[i].name.range, "previous binding here");
    return;
  }
  ast::Variable v;
  v.name = p.var;
  v.event_type = type;
  v.repeated = repeated;
  v.decl = &p;
  p.var_index = static_cast<int32_t>(vars.size());
  vars.push_back(std::move(v));
  rs_.var_paths.push_back(path);
}

int64_t Binder::Bound(ast::Expr& e, bool* ok) {
  std::optional<ConstValue> v = EvalConstExpr(ctx_, rs_.module, e, "quantifier bound");
  if (!v.has_value()) {
    *ok = false;
    return 0;
  }
  if (v->kind != TypeKind::kInt) {
    ctx_.diags.Report(DiagKind::kInvalidQuantifier, e.range,
                      StrCat("a quantifier bound must be an int literal or an int "
                                   "constant, but '",
                                   Text(e.range), "' is ",
                                   TypeName(Type::Of(v->kind), ctx_.out.schema)));
    *ok = false;
    return 0;
  }
  return v->i;
}

void Binder::EvalQuantifier(ast::Pattern& p) {
  ast::Quantifier& q = p.quant;
  bool ok = true;
  int64_t min = q.min, max = q.max;
  if (q.min_expr != nullptr) {
    min = Bound(*q.min_expr, &ok);
    if (q.exact) {
      max = min;
    } else if (q.max_expr != nullptr) {
      max = Bound(*q.max_expr, &ok);
    } else {
      max = -1;
    }
  }
  SourceRange where = q.range.valid() ? q.range : p.range;
  std::string text = Text(where);
  if (ok) {
    std::string msg;
    if (min < 0 || max < -1) {
      msg = StrCat("quantifier bounds cannot be negative ('", text, "')");
    } else if (max == 0) {
      msg = StrCat("'", text,
                         "' allows no event at all, so the step matches nothing; remove it, "
                         "or use '!' to require that no such event occurs");
    } else if (max != -1 && min > max) {
      msg = StrCat("the quantifier's minimum (", min, ") is larger than its maximum (",
                         max, ")");
    } else if (min > kMaxRepeat || max > kMaxRepeat) {
      msg = StrCat("quantifier bounds are at most ", kMaxRepeat,
                         "; to count more events use a count window or bound the loop with "
                         "'within'");
    }
    if (!msg.empty()) {
      ctx_.diags.Report(DiagKind::kInvalidQuantifier, where, std::move(msg));
      ok = false;
    }
  }
  if (!ok) {  // a harmless stand-in, so no bound diagnostic follows from it
    min = 1;
    max = 1;
  }
  q.min = min;
  q.max = max;
}

}  // namespace

void BindPattern(RuleState& rs) {
  if (rs.rule.pattern == nullptr) return;
  Binder binder(rs);
  PatternPath path;
  binder.Bind(*rs.rule.pattern, path, /*repeated=*/false, nullptr, nullptr);
  const size_t n = rs.rule.variables.size();
  rs.var_may_be_empty.assign(n, false);
  rs.var_maybe_unbound.assign(n, false);
  for (size_t i = 0; i < n; ++i) {
    for (const PathStep& s : rs.var_paths[i]) {
      if (s.node->kind == ast::PatternKind::kAlt ||
          (s.node->kind == ast::PatternKind::kRepeat && s.child == 0 && s.node->quant.min == 0)) {
        rs.var_maybe_unbound[i] = true;
        rs.var_may_be_empty[i] = true;
      }
    }
  }
  rs.var_uses.assign(n, 0);
}

std::vector<VarView> VarViewsFrom(const RuleState& rs, const AtomInfo& atom) {
  const std::vector<ast::Variable>& vars = rs.rule.variables;
  std::vector<VarView> views(vars.size());
  const PatternPath& px = atom.path;
  for (size_t i = 0; i < vars.size(); ++i) {
    VarView& view = views[i];
    if (vars[i].decl == atom.atom) {
      view.access = VarAccess::kVisible;  // the own variable: never empty here
      continue;
    }
    if (i >= rs.var_paths.size()) continue;  // `from ... as alias`
    const PatternPath& py = rs.var_paths[i];
    size_t k = 0;
    while (k < px.size() && k < py.size() && px[k].node == py[k].node &&
           px[k].child == py[k].child) {
      ++k;
    }
    if (k == py.size()) {
      // Every ancestor of the binding is shared: the binding node encloses the atom.
      view.access = VarAccess::kEnclosing;
      continue;
    }
    if (k == px.size() || px[k].node != py[k].node) {
      view.access = VarAccess::kLater;
      continue;
    }
    const ast::Pattern* d = px[k].node;
    const int cx = px[k].child, cy = py[k].child;
    switch (d->kind) {
      case ast::PatternKind::kSeq:
      case ast::PatternKind::kRepeat:
        view.access = cy < cx ? VarAccess::kVisible : VarAccess::kLater;
        break;
      case ast::PatternKind::kAlt: view.access = VarAccess::kOtherBranch; break;
      case ast::PatternKind::kAll: view.access = VarAccess::kSibling; break;
      default: view.access = VarAccess::kLater; break;
    }
    if (view.access != VarAccess::kVisible) continue;
    if (d->kind == ast::PatternKind::kRepeat && d->quant.min == 0) {
      view.access = VarAccess::kMaybeUnbound;  // `until` after a loop that took nothing
    }
    for (size_t j = k + 1; j < py.size(); ++j) {
      const ast::Pattern* n = py[j].node;
      if (n->kind == ast::PatternKind::kAlt ||
          (n->kind == ast::PatternKind::kRepeat && py[j].child == 0 && n->quant.min == 0)) {
        view.access = VarAccess::kMaybeUnbound;
      }
    }
    view.may_be_empty = rs.var_may_be_empty[i];
  }
  return views;
}

}  // namespace cep::check
