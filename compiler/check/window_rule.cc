// `from` rules: the event type read (unknown-type), the `as` alias (a
// variable of the rule: the current event in the filter, the window's events
// in outputs), the filter (bool, fields of the type and consts), the window
// (constant positive durations; counts for count windows:
// invalid-duration-value), `group by` keys (fields of the type:
// invalid-partition-key otherwise; outputs may name them bare) and `having`
// (a bool over keys and aggregates).
// O(clause sizes). Tested by tests/unit/check_window_test.cc.
#include "compiler/util/strcat.h"
#include "compiler/check/rule_state.h"

namespace cep::check {

void CheckFromRule(RuleState& rs) {
  ast::Rule& r = rs.rule;
  CheckContext& ctx = rs.ctx;
  ast::FromClause& from = *r.from;
  rs.from_type = LookupEventType(ctx, rs.module, from.type_name);
  if (rs.from_type != nullptr) from.event_type = rs.from_type->id;
  if (!from.alias.empty()) {
    ast::Variable v;
    v.name = from.alias;
    v.event_type = rs.from_type != nullptr ? rs.from_type->id : kNoEventType;
    v.repeated = rs.has_window;
    r.variables.push_back(std::move(v));
  }
  rs.var_uses.assign(r.variables.size(), 0);

  ExprScope filter_scope;
  filter_scope.kind = ExprScope::Kind::kFromFilter;
  filter_scope.module = rs.module;
  filter_scope.rule = &r;
  filter_scope.current = rs.from_type;
  filter_scope.var_uses = &rs.var_uses;
  if (from.filter != nullptr && rs.from_type != nullptr) {
    ExprTyper(ctx, filter_scope).Condition(*from.filter, "filter");
  }

  if (r.window.has_value()) {
    ast::WindowSpec& w = *r.window;
    const bool count = w.kind == ast::WindowKind::kCount;
    const char* size_name = w.kind == ast::WindowKind::kSession ? "session gap"
                            : count                             ? "count window size"
                                                                : "window size";
    if (w.size != nullptr) {
      rs.out.window_size = count ? EvalPositiveCount(ctx, rs.module, *w.size, size_name)
                                 : EvalPositiveDuration(ctx, rs.module, *w.size, size_name);
    }
    if (w.every != nullptr) {
      rs.out.window_every =
          count ? EvalPositiveCount(ctx, rs.module, *w.every, "count window step")
                : EvalPositiveDuration(ctx, rs.module, *w.every, "window slide ('every')");
    }
  }

  // group by: fields of the from type, bare or through the alias.
  for (size_t i = 0; i < r.group_by.size(); ++i) {
    ast::Expr& key = *r.group_by[i];
    if (rs.from_type == nullptr) break;
    Typed t = ExprTyper(ctx, filter_scope).Value(key);
    if (!t.type.known()) continue;
    const bool bare = key.kind == ast::ExprKind::kName && key.ref == ast::NameRef::kField;
    const bool via_alias = key.kind == ast::ExprKind::kField && !key.args.empty() &&
                           key.args[0]->ref == ast::NameRef::kVariable;
    if (!bare && !via_alias) {
      ctx.diags.Report(DiagKind::kInvalidPartitionKey, key.range,
                       StrCat("a 'group by' key must be a field of '", rs.from_type->name,
                                    "', e.g. '",
                                    rs.from_type->fields.size() > 1
                                        ? rs.from_type->fields[1].name
                                        : std::string("field"),
                                    "'"));
      continue;
    }
    rs.keys.push_back({key.name.text, static_cast<int32_t>(i), t.type, t.nullable});
  }

  if (r.having != nullptr && r.window.has_value() && rs.from_type != nullptr) {
    ExprScope scope;
    scope.kind = ExprScope::Kind::kWindowOutput;
    scope.module = rs.module;
    scope.rule = &r;
    scope.current = rs.from_type;
    scope.keys = &rs.keys;
    scope.var_uses = &rs.var_uses;
    ExprTyper(ctx, scope).Condition(*r.having, "'having' condition");
  }
}

}  // namespace cep::check
