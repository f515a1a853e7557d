// Lowering of `from` rules and of the clauses every rule shares (emit,
// suppress); see lower_parts.h. The `from` filter reads only the event, so
// it becomes a shared single-event predicate like a pattern atom's.
// Tested by tests/unit/ir_lower_window_test.cc.
#include "compiler/ir/lower_parts.h"

#include "compiler/util/strcat.h"

namespace cep::ir {

const char* WindowKindName(WindowKind k) {
  switch (k) {
    case WindowKind::kNone: return "none";
    case WindowKind::kTumbling: return "tumbling";
    case WindowKind::kSliding: return "sliding";
    case WindowKind::kSession: return "session";
    case WindowKind::kCount: return "count";
  }
  return "?";
}

std::vector<bool> UsedInputTypes(const ProgramIR& ir, size_t ntypes) {
  std::vector<bool> used(ntypes, false);
  for (const RuleIR& rule : ir.rules) {
    for (EventTypeId t : rule.input_types) {
      if (t < ntypes) used[t] = true;
    }
  }
  for (const WindowRuleIR& rule : ir.window_rules) {
    if (rule.type < ntypes) used[rule.type] = true;
  }
  return used;
}

PredId InternPredicate(ProgramIR& out, PredicateIndex& index, EventTypeId type,
                       expr::Program program) {
  std::string key = StrCat(type, ":", expr::CanonicalKey(program));
  auto it = index.find(key);
  if (it != index.end()) return it->second;
  PredId id = static_cast<PredId>(out.predicates.size());
  out.predicates.push_back({type, std::move(program), key});
  index.emplace(std::move(key), id);
  return id;
}

EmitIR LowerEmit(const ast::EmitSpec& spec, const check::CheckedProgram& checked,
                 const expr::CompileOptions& options) {
  EmitIR e;
  e.type = spec.event_type;
  const check::EventTypeInfo& info = checked.schema.type(spec.event_type);
  for (const ast::EmitField& f : spec.fields) {
    const check::FieldInfo* field = info.FindField(f.name.text);
    if (field == nullptr) continue;
    e.slots.push_back(field->slot);
    e.values.push_back(expr::CompileExpr(*f.value, checked, options));
  }
  return e;
}

std::optional<SuppressIR> LowerSuppress(const ast::Rule& rule, const check::CheckedRule& cr,
                                        const check::CheckedProgram& checked,
                                        const expr::CompileOptions& options) {
  if (!rule.suppress.has_value() || cr.suppress_ns <= 0) return std::nullopt;
  SuppressIR s;
  s.duration_ns = cr.suppress_ns;
  for (const ast::ExprPtr& key : rule.suppress->keys) {
    s.keys.push_back(expr::CompileExpr(*key, checked, options));
  }
  return s;
}

WindowRuleIR LowerWindowRule(const check::CheckedProgram& checked, const check::CheckedRule& cr,
                             ProgramIR& out, PredicateIndex& index) {
  const ast::Rule& rule = *cr.rule;
  const ast::FromClause& from = *rule.from;
  WindowRuleIR w;
  w.name = rule.name.text;
  w.range = rule.name.range;
  w.type = from.event_type;
  w.alias = from.alias.text;
  // The alias is the rule's only variable (index 0) when written.
  expr::CompileOptions row;
  row.own_var = from.alias.empty() ? -1 : 0;
  if (from.filter != nullptr) {
    expr::SplitFilter split = expr::CompileFilter(*from.filter, checked, row);
    if (split.single) w.pred = InternPredicate(out, index, w.type, std::move(*split.single));
    if (split.rest) w.check = std::move(*split.rest);
  }
  if (rule.window.has_value()) {
    switch (rule.window->kind) {
      case ast::WindowKind::kTumbling:
        w.window = WindowKind::kTumbling;
        w.size = w.every = cr.window_size;
        break;
      case ast::WindowKind::kSliding:
        w.window = WindowKind::kSliding;
        w.size = cr.window_size;
        w.every = cr.window_every > 0 ? cr.window_every : cr.window_size;
        if (w.every == w.size) w.window = WindowKind::kTumbling;
        break;
      case ast::WindowKind::kSession:
        w.window = WindowKind::kSession;
        w.size = cr.window_size;
        break;
      case ast::WindowKind::kCount:
        w.window = WindowKind::kCount;
        w.size = cr.window_size;
        w.every = cr.window_every > 0 ? cr.window_every : cr.window_size;
        break;
    }
  }
  for (const ast::ExprPtr& key : rule.group_by) {
    w.keys.push_back(expr::CompileExpr(*key, checked, row));
  }
  expr::CompileOptions outputs = row;
  outputs.window = w.window != WindowKind::kNone;
  if (rule.having != nullptr) w.having = expr::CompileExpr(*rule.having, checked, outputs);
  if (rule.emit.has_value()) w.emit = LowerEmit(*rule.emit, checked, outputs);
  w.suppress = LowerSuppress(rule, cr, checked, outputs);
  return w;
}

}  // namespace cep::ir
