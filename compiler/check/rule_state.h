// Internal to compiler/check/: what the passes over one rule share
// (rule_checker.cc runs them in order: shape, pattern binding, pattern flow,
// state bounds, partition keys, filters, outputs).
// Tested through checker.h by the tests/unit/check_*_test.cc files.
#ifndef CEP_COMPILER_CHECK_RULE_STATE_H_
#define CEP_COMPILER_CHECK_RULE_STATE_H_

#include <cstdint>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "compiler/check/check_context.h"
#include "compiler/check/expr_typer.h"

namespace cep::check {

// One step on the way from the pattern's root to a node: the ancestor and
// which of its children leads on (for kRepeat: 0 = the body, 1 = `until`).
struct PathStep {
  const ast::Pattern* node;
  int child;
};
using PatternPath = std::vector<PathStep>;

// An atom of the pattern: positive, negated (`!T[...]`) or an `until` atom.
struct AtomInfo {
  ast::Pattern* atom = nullptr;
  ast::Pattern* negation = nullptr;  // the enclosing kNot, when negated
  ast::Pattern* loop = nullptr;      // the kRepeat, for an `until` atom
  PatternPath path;                  // ancestors, root first
  const EventTypeInfo* type = nullptr;  // null when the type is unknown (reported)
  PrevInfo prev;                     // pattern_flow.cc
  bool can_be_first = false;         // START precedes it (pattern_flow.cc)
  bool can_be_last = false;          // END follows it (pattern_flow.cc)
};

struct RuleState {
  RuleState(CheckContext& c, uint32_t index)
      : ctx(c), rule_index(index), out(c.out.rules[index]), rule(*out.rule),
        module(out.module) {}

  CheckContext& ctx;
  uint32_t rule_index;
  CheckedRule& out;
  ast::Rule& rule;
  uint32_t module;

  bool is_pattern = false;
  bool has_window = false;

  // ---- pattern rules ----
  std::vector<AtomInfo> atoms;                    // pre-order
  absl::flat_hash_map<const ast::Pattern*, int32_t> atom_index;
  std::vector<PatternPath> var_paths;             // per rule.variables entry: its binding's ancestors
  std::vector<bool> var_may_be_empty;             // per variable, from the root
  std::vector<bool> var_maybe_unbound;            // per variable, from the root
  std::vector<ast::Pattern*> negations;           // every kNot
  std::vector<ast::Pattern*> loops;               // every kRepeat
  std::vector<int32_t> first_atoms;               // atoms that can start a match (pattern_flow.cc)

  // ---- from rules ----
  const EventTypeInfo* from_type = nullptr;

  // ---- both ----
  std::vector<KeyName> keys;                      // partition keys / group-by keys
  std::vector<uint32_t> var_uses;                 // per variable
};

// rule_shape.cc: clause presence and compatibility; sets is_pattern / has_window.
void CheckRuleShape(RuleState& rs);
// pattern_binder.cc: atom types, variables, quantifier bounds, negation shape.
void BindPattern(RuleState& rs);
// The visibility of every variable from an atom (pattern_binder.cc).
std::vector<VarView> VarViewsFrom(const RuleState& rs, const AtomInfo& atom);
// pattern_flow.cc: which atoms can come just before / after each atom.
void ComputePatternFlow(RuleState& rs);
// state_bounds.cc: unbounded-state, absence-needs-window, invalid-negation,
// exponential-matches; evaluates negation windows.
void CheckStateBounds(RuleState& rs);
// partition_check.cc: `partition by` keys; fills rs.keys and out.partition.
void CheckPartitionKeys(RuleState& rs);
// pattern_filters.cc: types every atom filter; checks `after match`.
void CheckPatternFilters(RuleState& rs);
void CheckAfterMatch(RuleState& rs);
// window_rule.cc: from type, alias, filter, window, group by, having.
void CheckFromRule(RuleState& rs);
// emit_check.cc: emit, on timeout emit, suppress; derived event types.
void CheckOutputs(RuleState& rs);

}  // namespace cep::check

#endif  // CEP_COMPILER_CHECK_RULE_STATE_H_
