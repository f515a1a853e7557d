// Rule shape: a rule has exactly one of `pattern` / `from`, and `emit`;
// clauses that belong to the other kind of rule are conflicting-clauses;
// clauses that need another one say which (missing-clause):
//   pattern rules: partition by, within, after match, on timeout emit (needs within)
//   from rules:    window, group by (needs window), having (needs window)
// O(clauses). Tested by tests/unit/check_rule_shape_test.cc.
#include "compiler/util/strcat.h"
#include "compiler/check/rule_state.h"

namespace cep::check {

void CheckRuleShape(RuleState& rs) {
  ast::Rule& r = rs.rule;
  DiagnosticEngine& diags = rs.ctx.diags;
  const bool has_pattern = r.pattern != nullptr;
  const bool has_from = r.from.has_value();
  rs.is_pattern = has_pattern;
  rs.out.is_pattern = has_pattern;
  rs.has_window = r.window.has_value();

  if (!has_pattern && !has_from) {
    diags.Report(DiagKind::kMissingClause, r.name.range,
                 StrCat("rule '", r.name.text,
                              "' has neither 'pattern' nor 'from'; say which events it reads"));
  }
  if (has_pattern && has_from) {
    diags
        .Report(DiagKind::kConflictingClauses, r.from->range,
                "a rule reads events either with 'pattern' or with 'from', not both")
        .Note(r.pattern->range, "'pattern' given here");
  }
  if (!r.emit.has_value()) {
    diags.Report(DiagKind::kMissingClause, r.name.range,
                 StrCat("rule '", r.name.text,
                              "' has no 'emit' clause; say what it produces, e.g. "
                              "'emit Alert { ... }'"));
  }

  if (has_pattern) {
    if (r.window.has_value()) {
      diags.Report(DiagKind::kConflictingClauses, r.window->range,
                   "'window' belongs to 'from' rules; a pattern rule bounds its matches with "
                   "'within'");
    }
    if (!r.group_by.empty()) {
      diags.Report(DiagKind::kConflictingClauses, r.group_by[0]->range,
                   "'group by' belongs to 'from' rules; a pattern rule uses 'partition by'");
    }
    if (r.having != nullptr) {
      diags.Report(DiagKind::kConflictingClauses, r.having->range,
                   "'having' belongs to windowed 'from' rules; in a pattern rule put the "
                   "condition in a step's filter");
    }
    if (r.timeout_emit.has_value() && r.within == nullptr) {
      diags.Report(DiagKind::kMissingClause, r.timeout_emit->range,
                   "'on timeout emit' needs a 'within' clause: a partial match times out when "
                   "its 'within' expires");
    }
    return;
  }
  if (!has_from) return;
  if (!r.partition_by.empty()) {
    diags.Report(DiagKind::kConflictingClauses, r.partition_by[0].range,
                 "'partition by' belongs to pattern rules; a 'from' rule uses 'group by'");
  }
  if (r.within != nullptr) {
    diags.Report(DiagKind::kConflictingClauses, r.within->range,
                 "'within' belongs to pattern rules; a 'from' rule aggregates over a 'window'");
  }
  if (r.after_match.has_value()) {
    diags.Report(DiagKind::kConflictingClauses, r.after_match->range,
                 "'after match' belongs to pattern rules");
  }
  if (r.timeout_emit.has_value()) {
    diags.Report(DiagKind::kConflictingClauses, r.timeout_emit->range,
                 "'on timeout emit' belongs to pattern rules with 'within'");
  }
  if (!r.window.has_value()) {
    if (!r.group_by.empty()) {
      diags.Report(DiagKind::kMissingClause, r.group_by[0]->range,
                   "'group by' needs a 'window' to aggregate over, e.g. 'window tumbling 1m'");
    }
    if (r.having != nullptr) {
      diags.Report(DiagKind::kMissingClause, r.having->range,
                   "'having' needs a 'window' to aggregate over; to test each event put the "
                   "condition in the 'from' filter");
    }
  }
}

}  // namespace cep::check
