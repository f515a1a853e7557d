// Compiled conditions: the shapes most filters have, run without the
// bytecode interpreter. A condition of one of these shapes
//
//   x op y      x, y each a field of the event, a constant, `prev.f` or
//               `v.f` (a variable's last event), optionally widened to
//               float; op a typed comparison (int, float, string, bool)
//   x           a bool field (`success`)
//   not x       (`!success`)
//   x is null   / x is not null
//
// is recognised once from its bytecode (CompileFastTest) and then tested by
// a function specialised for its shape, comparison instruction and
// operator: a few loads and one comparison (RunFastTest), no stack, no
// scratch arena, no dispatch loop. The loads and comparisons are the
// interpreter's own (expr_ops.h), so a compiled test answers exactly what
// Test() of the interpreted program answers, nulls and NaNs included — the
// unit test (tests/unit/predicate_set_test.cc) checks that on every shape,
// and the differential tests check the engine (which uses compiled tests)
// against the reference matcher (which interprets). Everything else (and /
// or chains, arithmetic, calls, regexes, aggregates) stays interpreted.
// Tested by tests/unit/predicate_set_test.cc.
#ifndef CEP_RUNTIME_EXPR_FAST_H_
#define CEP_RUNTIME_EXPR_FAST_H_

#include <cstdint>
#include <vector>

#include "compiler/expr/program.h"
#include "runtime/eval_env.h"
#include "runtime/event.h"
#include "runtime/expr_ops.h"
#include "runtime/value.h"

namespace cep::rt {

struct FastOperand {
  enum class Kind : uint8_t { kField, kConst, kPrevField, kVarField };
  Kind kind = Kind::kConst;
  bool to_float = false;  // kIntToFloat follows the load
  uint32_t var = 0;       // kVarField: the variable
  uint32_t slot = 0;      // kField, kPrevField, kVarField: the field's slot
  Value constant;         // kConst (string bytes live in the program)
};

struct FastTest {
  enum class Shape : uint8_t { kNone, kCompare, kBool, kNotBool, kIsNull };
  Shape shape = Shape::kNone;
  expr::Op op = expr::Op::kCmpInt;  // kCompare: the comparison instruction
  uint8_t x = 0;                    // kCompare: its CmpOp; kIsNull: 1 = is not null
  FastOperand left;                 // the only operand of kBool, kNotBool, kIsNull
  FastOperand right;
  // The test, specialised for the shape and (for kCompare) the instruction
  // and operator: one indirect call, no switch on either per test.
  bool (*run)(const FastTest&, const EvalEnv&) = nullptr;
};

// Recognises `code`, whose constants are `consts` (as LoadedProgram loads
// them), as one of the shapes above. False (and *out untouched) otherwise.
bool CompileFastTest(const std::vector<expr::Instr>& code, const std::vector<Value>& consts,
                     FastTest* out);

// `code` as a single operand of the shapes above (a field, a constant of
// `consts`, `prev.f` or `v.f`, optionally widened to float), for callers
// that load one value without the interpreter (window aggregate arguments
// and group keys). False (and *out untouched) otherwise.
bool CompileFastOperand(const std::vector<expr::Instr>& code, const std::vector<Value>& consts,
                        FastOperand* out);

namespace internal {

#if defined(__GNUC__)
#define CEP_FAST_INLINE inline __attribute__((always_inline))
#else
#define CEP_FAST_INLINE inline
#endif

CEP_FAST_INLINE Value FieldOf(const Event* e, uint32_t slot) {
  return e != nullptr && slot < e->nfields ? e->field(static_cast<int>(slot)) : Value::Null();
}

// What the interpreter pushes for the operand's instructions.
CEP_FAST_INLINE Value LoadOperand(const FastOperand& o, const EvalEnv& env) {
  Value v;
  switch (o.kind) {
    case FastOperand::Kind::kField: v = FieldOf(env.current, o.slot); break;
    case FastOperand::Kind::kConst: v = o.constant; break;
    case FastOperand::Kind::kPrevField: v = FieldOf(env.prev, o.slot); break;
    case FastOperand::Kind::kVarField:
      v = FieldOf(env.vars != nullptr ? env.vars[o.var] : nullptr, o.slot);
      break;
  }
  if (o.to_float && v.tag == Tag::kInt) v = Value::Float(static_cast<double>(v.i));
  return v;
}

}  // namespace internal

// The condition's answer: what LoadedProgram::Test gives for the program.
inline bool RunFastTest(const FastTest& t, const EvalEnv& env) { return t.run(t, env); }

}  // namespace cep::rt

#undef CEP_FAST_INLINE

#endif  // CEP_RUNTIME_EXPR_FAST_H_
