// Checks one rule from start to end, running the per-rule passes in order
// (rule_state.h): annotations, shape, then for a pattern rule binding, flow,
// `within`, state bounds, partition keys, filters and `after match`, for a
// `from` rule its from/window/group/having clauses; then the outputs, and
// finally the rule's input types.
// Tested by every tests/unit/check_*_test.cc file.
#include <algorithm>

#include "compiler/util/strcat.h"
#include "compiler/check/rule_state.h"

namespace cep::check {

void CheckRule(CheckContext& ctx, uint32_t rule_index) {
  const uint32_t errors_before = ctx.diags.error_count();
  RuleState rs(ctx, rule_index);
  ast::Rule& rule = rs.rule;
  rule.variables.clear();  // the checker may run twice over one AST
  rule.within_ns = -1;

  CheckAnnotations(ctx, rs.module, rule.annotations, AnnotationTarget::kRule, &rs.out);
  CheckRuleShape(rs);
  if (rs.is_pattern) {
    BindPattern(rs);
    ComputePatternFlow(rs);
    if (rule.within != nullptr) {
      rule.within_ns = EvalPositiveDuration(ctx, rs.module, *rule.within, "'within' window");
      rs.out.within_ns = rule.within_ns;
    }
    CheckStateBounds(rs);
    CheckPartitionKeys(rs);
    CheckPatternFilters(rs);
    CheckAfterMatch(rs);
  } else if (rule.from.has_value()) {
    CheckFromRule(rs);
  }
  CheckOutputs(rs);

  // (a rule-cycle, reported before the rule is checked, already set has_errors)
  rs.out.has_errors = rs.out.has_errors || ctx.diags.error_count() > errors_before;
  std::vector<EventTypeId>& inputs = rs.out.input_types;
  inputs.clear();
  for (const AtomInfo& a : rs.atoms) {
    if (a.atom->event_type != kNoEventType) inputs.push_back(a.atom->event_type);
  }
  if (rs.from_type != nullptr) inputs.push_back(rs.from_type->id);
  std::sort(inputs.begin(), inputs.end());
  inputs.erase(std::unique(inputs.begin(), inputs.end()), inputs.end());
}

}  // namespace cep::check
