// What the checker hands to later stages (pattern lowering, the NFA
// compiler, the runtime): the schema, the folded constants and, per rule, the
// facts the checker proved, beside the AST it annotated in place (see
// checker.h for what each annotation means). Plain data.
// Tested by the tests/unit/check_*_test.cc files.
#ifndef CEP_COMPILER_CHECK_CHECKED_PROGRAM_H_
#define CEP_COMPILER_CHECK_CHECKED_PROGRAM_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/check/const_value.h"
#include "compiler/check/schema.h"

namespace cep::check {

struct CheckedConst {
  std::string name;
  uint32_t module = 0;
  const ast::ConstDecl* decl = nullptr;
  std::optional<ConstValue> value;  // nullopt when the constant has an error
};

// The partition keys one event type of a pattern rule reads, in key-position
// order (position j of every type holds values of one type).
struct PartitionSlots {
  EventTypeId event_type = kNoEventType;
  std::vector<int32_t> slots;
};

struct CheckedRule {
  ast::Rule* rule = nullptr;
  uint32_t module = 0;
  bool has_errors = false;        // an error was reported inside this rule
  bool is_pattern = false;        // `pattern` rule (else a `from` rule)

  EventTypeId emit_type = kNoEventType;
  EventTypeId timeout_emit_type = kNoEventType;
  // Every event type the rule reads: pattern atoms (negated and `until` ones
  // too) or the `from` type. Sorted, unique.
  std::vector<EventTypeId> input_types;

  int64_t within_ns = -1;         // same as rule->within_ns
  int64_t window_size = -1;       // ns, or events for count windows; -1: no window
  int64_t window_every = -1;      // sliding hop / count hop; -1: none
  int64_t suppress_ns = -1;       // `suppress ... for D`; -1: none

  // Pattern rules: one entry per input type when the rule has `partition by`.
  std::vector<PartitionSlots> partition;
  std::vector<Type> partition_key_types;  // per key position

  // Annotations (defaults when absent).
  std::string severity;           // "", "low", "medium", "high", "critical"
  std::string doc;
  std::vector<std::string> tags;
};

struct CheckedProgram {
  Schema schema;
  // Every `const` of the program, in module order then declaration order;
  // NameRef::kConst's decl_index indexes this vector.
  std::vector<CheckedConst> consts;
  // Every rule of the program, in module order then declaration order.
  std::vector<CheckedRule> rules;
  // Indices into `rules` such that a rule comes after every rule whose
  // emitted events it reads (rules in a rule-cycle keep program order).
  std::vector<uint32_t> rule_order;
};

}  // namespace cep::check

#endif  // CEP_COMPILER_CHECK_CHECKED_PROGRAM_H_
