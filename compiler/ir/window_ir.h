// The IR of `from` rules (windowed aggregation and per-event rules) and of
// the `suppress` clause every rule may carry. Plain data, built by lower.h
// beside the pattern IR; the runtime's WindowMatcher (runtime/window_matcher.h)
// and Suppressor (runtime/suppressor.h) read it.
#ifndef CEP_COMPILER_IR_WINDOW_IR_H_
#define CEP_COMPILER_IR_WINDOW_IR_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/expr/program.h"

namespace cep::ir {

using PredId = uint32_t;

// The events a derived event carries: the emitted type's slot per field and
// the program computing each field (same order).
struct EmitIR {
  EventTypeId type = kNoEventType;
  std::vector<int32_t> slots;
  std::vector<expr::Program> values;
};

// `suppress [by k, ...] for D`: after an output with key K at time t,
// outputs of the same rule with key K before t + D are dropped.
struct SuppressIR {
  std::vector<expr::Program> keys;  // empty: one key for the whole rule
  int64_t duration_ns = 0;
};

enum class WindowKind : uint8_t {
  kNone,      // no window: every event that passes the filter emits
  kTumbling,  // [k*size, (k+1)*size)
  kSliding,   // [k*every, k*every + size)
  kSession,   // closes `size` (the gap) after the group's last event
  kCount,     // every `every` events, over the last `size` (every == size: tumbling)
};
const char* WindowKindName(WindowKind k);

struct WindowRuleIR {
  std::string name;
  uint32_t rule_index = 0;    // CheckedProgram::rules index (program order)
  SourceRange range;          // the rule's name
  EventTypeId type = kNoEventType;  // the `from` type
  std::string alias;                // `as` name, or empty
  // The `from` filter: a shared single-event predicate (ProgramIR::predicates)
  // and, should a part read more than the event, a rule-local check.
  PredId pred = UINT32_MAX;
  std::optional<expr::Program> check;
  WindowKind window = WindowKind::kNone;
  int64_t size = 0;   // ns (tumbling, sliding, session gap) or events (count)
  int64_t every = 0;  // ns (sliding) or events (count); == size when tumbling
  // `group by` keys, read from each event (NameRef::kGroupKey indexes them).
  std::vector<expr::Program> keys;
  std::optional<expr::Program> having;
  std::optional<EmitIR> emit;
  std::optional<SuppressIR> suppress;
};

}  // namespace cep::ir

#endif  // CEP_COMPILER_IR_WINDOW_IR_H_
