// A compiled expression: a flat vector of 8-byte instructions for a small
// stack machine, evaluated by runtime/expr_eval.h with one switch per
// instruction — no virtual call per node, no name lookups, no string
// compares against names. Types were proven by the checker, so every
// arithmetic and comparison instruction is typed (ints were widened to float
// where the checker said so). Plain data: the compiler (compile_expr.h)
// writes it, the runtime reads it.
//
// Null semantics (docs/language.md): arithmetic and scalar functions with a
// null operand give null (coalesce excepted); every comparison, `in`, and
// regex match with a null operand is false; in and/or/not a null counts as
// false.
#ifndef CEP_COMPILER_EXPR_PROGRAM_H_
#define CEP_COMPILER_EXPR_PROGRAM_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "compiler/ast/types.h"

namespace re2 {
class RE2;
}

namespace cep::expr {

enum class Op : uint8_t {
  // ---- loads ----
  kConst,         // push consts[a]
  kField,         // push the current event's field a
  kVarEvent,      // push the last event bound to variable a (null if unbound)
  kPrevEvent,     // push the event matched just before the current one (or null)
  kKey,           // push partition / group key a
  kEventField,    // pop an event, push its field a (null for a null event)
  kEventFieldByType,  // pop an event, push field of name table entry a for its type
  kAggregate,     // push the value of aggregate aggs[a]
  // ---- conversions ----
  kIntToFloat,    // top: int -> float (null stays null)
  // ---- arithmetic (typed; null in, null out) ----
  kNegInt, kNegFloat, kNegDuration,
  kAddInt, kAddFloat, kAddDuration, kAddTimeDuration, kAddDurationTime, kConcat,
  kSubInt, kSubFloat, kSubDuration, kSubTimeDuration, kSubTimeTime,
  kMulInt, kMulFloat, kMulDurationNum, kMulNumDuration,
  kDivInt, kDivFloat, kDivDurationNum, kDivDurationDuration,
  kModInt, kModFloat, kModDuration,
  // ---- comparison: x = CmpOp; null operand -> false ----
  kCmpInt,        // int, timestamp and duration (all int64)
  kCmpFloat,
  kCmpString,
  kCmpBool,       // == and != only
  // ---- logic ----
  kNot,           // a null operand counts as false: not null -> true
  kJumpIfFalse,   // if top is not true: jump to a (keep the value); else pop
  kJumpIfTrue,    // if top is true: jump to a (keep the value); else pop
  kToBool,        // normalise top: null -> false
  // ---- membership, null tests, regex, calls ----
  kIn,            // pop a values then the subject; push bool (x: 1 = not in)
  kIsNull,        // x: 1 = is not null
  kRegex,         // pop string, push match with regexes[a] (x: 1 = !~; 2 = matches():
                  // a null string gives null, not false). RE2 partial match (a search).
  kCall,          // builtin a (check::BuiltinId) with x arguments
};

enum class CmpOp : uint8_t { kEq, kNe, kLt, kLe, kGt, kGe };

struct Instr {
  Op op;
  uint8_t x = 0;
  uint16_t pad = 0;
  uint32_t a = 0;
};
static_assert(sizeof(Instr) == 8);

// A constant. Strings are stored in `text`; the runtime builds its Values
// (pointing into `text`) once when it loads the program.
struct Const {
  TypeKind kind = TypeKind::kNull;
  int64_t i = 0;      // int, timestamp, duration, bool (0/1)
  double f = 0;
  std::string text;   // string
};

// An aggregate over the events bound to a repeated variable (or a window).
// `arg` computes the aggregated value from one event of that variable (the
// variable reads that event while `arg` runs: kVarEvent(var) pushes it; for
// a window (var == -2) the event is the current one, read by kField); empty
// when the aggregated values are the events themselves: count(v), and
// first(v) / last(v), whose value is then the event (`first(v).f` is
// kAggregate then kEventField).
struct Aggregate {
  uint8_t builtin = 0;     // check::BuiltinId
  int32_t var = -1;        // the repeated variable (-2: the window's events)
  std::vector<Instr> arg;  // evaluated per event; its own code
  double percentile = 0;   // percentile(x, p)
  TypeKind arg_kind = TypeKind::kUnknown;
  TypeKind result_kind = TypeKind::kUnknown;
  int32_t slot = -1;       // running aggregate slot in a run (assigned by the NFA compiler)
};

struct Program {
  std::vector<Instr> code;
  TypeKind result = TypeKind::kUnknown;
  uint32_t max_stack = 0;
  // Shared tables referenced by a: constants, regexes, aggregates and, for
  // kEventFieldByType, (event type -> slot) maps keyed by field name.
  std::vector<Const> consts;
  std::vector<std::shared_ptr<const re2::RE2>> regexes;
  std::vector<Aggregate> aggs;
  std::vector<std::vector<int32_t>> field_by_type;  // [entry][event type] -> slot or -1

  // What the program reads, for the predicate split and run-state projection.
  bool reads_current = false;
  bool reads_vars = false;      // kVarEvent, kPrevEvent, kAggregate over variables
  bool reads_keys = false;
  bool reads_window = false;    // kAggregate over a window's events (Aggregate::var == -2)
};

// The deepest the stack gets running `code`: the sum of the instructions'
// stack effects along the fall-through path (a conditional jump keeps its
// value when it jumps and pops it when it falls through, so every jump
// target sees the same depth either way). Program::max_stack is the maximum
// over `code` and every aggregate's `arg`.
uint32_t MaxStackDepth(const std::vector<Instr>& code);

// A stable text dump ("0: field 3", "1: const 0 (int 5)", "2: cmp.int >")
// for `cep dump --stage=ir` and tests.
std::string Dump(const Program& p);

}  // namespace cep::expr

#endif  // CEP_COMPILER_EXPR_PROGRAM_H_
