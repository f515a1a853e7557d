// Pattern filters: types the [filter] of every atom (positive, negated and
// `until`) as a bool condition, where bare names are the atom's fields, then
// variables bound by earlier steps, then `prev`, then consts (see
// expr_typer.cc); checks `after match skip to first|last v`.
// O(filter sizes). Tested by tests/unit/check_pattern_test.cc and
// check_prev_test.cc.
#include "compiler/util/strcat.h"
#include "compiler/check/rule_state.h"

namespace cep::check {

void CheckPatternFilters(RuleState& rs) {
  for (const AtomInfo& a : rs.atoms) {
    ast::Pattern& atom = *a.atom;
    if (atom.filter == nullptr) continue;
    if (a.type == nullptr) continue;  // unknown type: its fields cannot be checked
    std::vector<VarView> views = VarViewsFrom(rs, a);
    ExprScope scope;
    scope.kind = ExprScope::Kind::kAtomFilter;
    scope.module = rs.module;
    scope.rule = &rs.rule;
    scope.current = a.type;
    scope.own_var = a.negation == nullptr && a.loop == nullptr ? atom.var_index : -1;
    scope.vars = &views;
    scope.prev = &a.prev;
    scope.var_uses = &rs.var_uses;
    ExprTyper typer(rs.ctx, scope);
    typer.Condition(*atom.filter, "filter");
  }
}

void CheckAfterMatch(RuleState& rs) {
  if (!rs.rule.after_match.has_value()) return;
  ast::AfterMatch& am = *rs.rule.after_match;
  if (am.kind != ast::AfterMatchKind::kSkipToFirst && am.kind != ast::AfterMatchKind::kSkipToLast) {
    return;
  }
  if (am.var.empty()) return;
  std::vector<std::string_view> names;
  for (size_t i = 0; i < rs.rule.variables.size(); ++i) {
    const ast::Variable& v = rs.rule.variables[i];
    if (v.name.text == am.var.text) {
      if (i < rs.var_uses.size()) ++rs.var_uses[i];
      return;
    }
    names.push_back(v.name.text);
  }
  rs.ctx.diags.Report(DiagKind::kUnknownVariable, am.var.range,
                      StrCat("'after match' skips to '", am.var.text,
                                   "', which the pattern does not bind",
                                   Suggestion(am.var.text, names)));
}

}  // namespace cep::check
