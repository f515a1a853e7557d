// The pattern IR: what a checked pattern rule means, in a small core that both
// the NFA compiler (compiler/nfa/) and the reference matcher of the tests
// (tests/reference/) read. Built by lower.h from the checked AST.
//
// Core: Atom, Seq (with a contiguity policy and negation guards in each gap),
// Alt, Repeat (min, max, greedy, loop policy, until guard), All. Negations are
// not nodes: a negation between two steps guards the gap of its Seq; a
// trailing negation with a window is the rule's `absence`. Every filter is
// split into a shared single-event predicate (PredicateTable) and a
// rule-local check that reads the match. Semantics: docs/semantics.md.
#ifndef CEP_COMPILER_IR_PATTERN_IR_H_
#define CEP_COMPILER_IR_PATTERN_IR_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/check/schema.h"
#include "compiler/expr/program.h"
#include "compiler/ir/window_ir.h"

namespace cep::ir {

inline constexpr PredId kNoPred = UINT32_MAX;

// A top-level conjunct `f == v.g` of a filter (either side first): a field
// of the event tested equals a field of an earlier variable, both of one
// kind. The NFA compiler may turn such correlations into a hash index
// (nfa/infer_partition.h); the check itself stays in `check`.
struct EqualityKey {
  int32_t field_slot = -1;   // of the event tested
  int32_t var = -1;          // RuleIR::vars index
  int32_t var_slot = -1;     // of the variable's event
  TypeKind kind = TypeKind::kUnknown;
  bool var_field_optional = true;  // the variable's field may be null
};

// A filter split in two; both parts must hold (an absent part holds).
struct Filter {
  PredId pred = kNoPred;  // reads only the event: evaluated once per event, shared
  int32_t check = -1;     // index into RuleIR::checks: reads bindings, prev, aggregates
  std::vector<EqualityKey> eq;  // equality correlations among the check's conjuncts
  bool always() const { return pred == kNoPred && check < 0; }
};

// An event test without a binding: negations and `until`.
struct Guard {
  EventTypeId type = kNoEventType;
  Filter filter;
};

enum class NodeKind : uint8_t { kAtom, kSeq, kAlt, kRepeat, kAll };

struct Node {
  NodeKind kind = NodeKind::kAtom;
  // kAtom
  EventTypeId type = kNoEventType;
  int32_t var = -1;  // index into RuleIR::vars (every atom has one; unnamed atoms get "_N")
  Filter filter;
  // kSeq, kAlt, kRepeat (one child), kAll
  std::vector<uint32_t> children;
  // kSeq: policies[i] and gaps[i] sit between children[i] and children[i + 1]
  std::vector<ast::SeqPolicy> policies;
  std::vector<std::vector<Guard>> gaps;
  // kRepeat
  int64_t min = 1;
  int64_t max = 1;  // -1: unbounded
  bool greedy = true;
  ast::SeqPolicy loop_policy = ast::SeqPolicy::kRelaxed;
  std::optional<Guard> until;
  // A group or all() bound to a name: its events are those of the atoms inside.
  int32_t group_var = -1;
};

struct Var {
  std::string name;
  EventTypeId type = kNoEventType;  // kNoEventType for group variables
  bool repeated = false;
  bool is_group = false;
  std::vector<int32_t> members;     // group variables: the atom variables inside
};

struct RuleIR {
  std::string name;
  uint32_t rule_index = 0;  // CheckedProgram::rules index (program order)
  SourceRange range;          // the rule's name
  SourceRange pattern_range;  // the pattern, where later stages point their diagnostics
  std::vector<Node> nodes;
  uint32_t root = 0;
  std::vector<Var> vars;
  std::vector<expr::Program> checks;
  std::vector<EventTypeId> input_types;     // every type the rule reads (sorted)

  int64_t within_ns = -1;                   // -1: none
  std::vector<Guard> absence;               // trailing negation (empty: none)
  int64_t absence_ns = -1;                  // its window; -1: use within from the start

  ast::AfterMatchKind after_match = ast::AfterMatchKind::kSkipPastLast;
  int32_t after_match_var = -1;

  // partition_slots[type] = the key slots of that type (empty: not partitioned)
  std::vector<std::vector<int32_t>> partition_slots;
  bool partitioned = false;

  std::optional<EmitIR> emit;
  std::optional<EmitIR> timeout_emit;
  std::optional<SuppressIR> suppress;
};

struct PredicateEntry {
  EventTypeId type = kNoEventType;
  expr::Program program;
  std::string key;  // CanonicalKey: equal programs on one type share an entry
};

struct ProgramIR {
  std::vector<PredicateEntry> predicates;  // PredId indexes this
  std::vector<RuleIR> rules;               // pattern rules, in program order
  std::vector<WindowRuleIR> window_rules;  // `from` rules, in program order
};

// used[t]: some rule (pattern or `from`) reads events of type t. Input of
// other types can be skipped unparsed.
std::vector<bool> UsedInputTypes(const ProgramIR& ir, size_t ntypes);

// Whether node `id` of `rule` can match without taking any event (the NFA
// compiler rejects loops over such parts; the matcher looks for the two
// parses of an optional one). compiler/ir/nullable.cc.
bool Nullable(const RuleIR& rule, uint32_t id);

// A stable text dump for `cep dump --stage=ir` and golden tests.
std::string Dump(const ProgramIR& ir, const check::Schema& schema);

}  // namespace cep::ir

#endif  // CEP_COMPILER_IR_PATTERN_IR_H_
