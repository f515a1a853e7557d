// Recognising the compiled shapes (see expr_fast.h) in a program's bytecode.
#include "runtime/expr_fast.h"

namespace cep::rt {

namespace {

using expr::Instr;
using expr::Op;

// Reads one operand at code[*pc]: a load, optionally followed by
// kIntToFloat. Advances *pc past it.
bool ReadOperand(const std::vector<Instr>& code, const std::vector<Value>& consts, size_t* pc,
                 FastOperand* o) {
  const size_t n = code.size();
  if (*pc >= n) return false;
  const Instr& in = code[*pc];
  switch (in.op) {
    case Op::kField:
      o->kind = FastOperand::Kind::kField;
      o->slot = in.a;
      *pc += 1;
      break;
    case Op::kConst:
      if (in.a >= consts.size()) return false;
      o->kind = FastOperand::Kind::kConst;
      o->constant = consts[in.a];
      *pc += 1;
      break;
    case Op::kPrevEvent:
    case Op::kVarEvent:
      // `prev.f` / `v.f`: the event, then its field by slot (a field read by
      // name per type, kEventFieldByType, stays interpreted).
      if (*pc + 1 >= n || code[*pc + 1].op != Op::kEventField) return false;
      // Variable -1 (0xffffffff) is the interpreter's "aggregate argument"
      // marker: never a real variable, but keep the interpreter's path.
      if (in.op == Op::kVarEvent && static_cast<int32_t>(in.a) == -1) return false;
      o->kind = in.op == Op::kPrevEvent ? FastOperand::Kind::kPrevField
                                        : FastOperand::Kind::kVarField;
      o->var = in.a;
      o->slot = code[*pc + 1].a;
      *pc += 2;
      break;
    default:
      return false;
  }
  if (*pc < n && code[*pc].op == Op::kIntToFloat) {
    o->to_float = true;
    *pc += 1;
  }
  return true;
}

template <Op kOp, expr::CmpOp kCmp>
bool RunCompare(const FastTest& t, const EvalEnv& env) {
  const Value a = internal::LoadOperand(t.left, env);
  const Value b = internal::LoadOperand(t.right, env);
  return ops::CompareValues(kOp, static_cast<uint8_t>(kCmp), a, b);
}

bool RunBool(const FastTest& t, const EvalEnv& env) {
  return ops::IsTrue(internal::LoadOperand(t.left, env));
}
bool RunNotBool(const FastTest& t, const EvalEnv& env) {
  return !ops::IsTrue(internal::LoadOperand(t.left, env));
}
bool RunIsNull(const FastTest& t, const EvalEnv& env) {
  return internal::LoadOperand(t.left, env).is_null() != (t.x != 0);
}

template <Op kOp>
bool (*CompareFn(uint8_t cmp))(const FastTest&, const EvalEnv&) {
  using expr::CmpOp;
  switch (static_cast<CmpOp>(cmp)) {
    case CmpOp::kEq: return &RunCompare<kOp, CmpOp::kEq>;
    case CmpOp::kNe: return &RunCompare<kOp, CmpOp::kNe>;
    case CmpOp::kLt: return &RunCompare<kOp, CmpOp::kLt>;
    case CmpOp::kLe: return &RunCompare<kOp, CmpOp::kLe>;
    case CmpOp::kGt: return &RunCompare<kOp, CmpOp::kGt>;
    case CmpOp::kGe: return &RunCompare<kOp, CmpOp::kGe>;
  }
  return nullptr;
}

bool (*TestFn(const FastTest& t))(const FastTest&, const EvalEnv&) {
  switch (t.shape) {
    case FastTest::Shape::kCompare:
      switch (t.op) {
        case Op::kCmpInt: return CompareFn<Op::kCmpInt>(t.x);
        case Op::kCmpFloat: return CompareFn<Op::kCmpFloat>(t.x);
        case Op::kCmpString: return CompareFn<Op::kCmpString>(t.x);
        case Op::kCmpBool: return CompareFn<Op::kCmpBool>(t.x);
        default: return nullptr;
      }
    case FastTest::Shape::kBool: return &RunBool;
    case FastTest::Shape::kNotBool: return &RunNotBool;
    case FastTest::Shape::kIsNull: return &RunIsNull;
    case FastTest::Shape::kNone: break;
  }
  return nullptr;
}

bool IsComparison(Op op) {
  return op == Op::kCmpInt || op == Op::kCmpFloat || op == Op::kCmpString || op == Op::kCmpBool;
}

}  // namespace

bool CompileFastOperand(const std::vector<Instr>& code, const std::vector<Value>& consts,
                        FastOperand* out) {
  FastOperand o;
  size_t pc = 0;
  if (!ReadOperand(code, consts, &pc, &o) || pc != code.size()) return false;
  *out = o;
  return true;
}

bool CompileFastTest(const std::vector<Instr>& code, const std::vector<Value>& consts,
                     FastTest* out) {
  FastTest t;
  size_t pc = 0;
  const size_t n = code.size();
  if (!ReadOperand(code, consts, &pc, &t.left)) return false;
  if (pc == n) {  // a bare value: true only when it is the bool true
    t.shape = FastTest::Shape::kBool;
  } else if (pc + 1 == n && code[pc].op == Op::kToBool) {
    t.shape = FastTest::Shape::kBool;
  } else if (pc + 1 == n && code[pc].op == Op::kNot) {
    t.shape = FastTest::Shape::kNotBool;
  } else if (pc + 1 == n && code[pc].op == Op::kIsNull) {
    t.shape = FastTest::Shape::kIsNull;
    t.x = code[pc].x;
  } else {
    if (!ReadOperand(code, consts, &pc, &t.right)) return false;
    if (pc + 1 != n || !IsComparison(code[pc].op) || code[pc].x > 5) return false;
    t.shape = FastTest::Shape::kCompare;
    t.op = code[pc].op;
    t.x = code[pc].x;
  }
  t.run = TestFn(t);
  if (t.run == nullptr) return false;
  *out = t;
  return true;
}

}  // namespace cep::rt
