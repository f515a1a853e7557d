// Internal to the expression evaluator: the comparison primitives the
// bytecode interpreter (expr_eval.cc) and the compiled conditions
// (expr_fast.cc) share, so both give bit-identical answers.
#ifndef CEP_RUNTIME_EXPR_OPS_H_
#define CEP_RUNTIME_EXPR_OPS_H_

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "compiler/expr/program.h"
#include "runtime/value.h"

namespace cep::rt::ops {

// A number as a double: floats as they are, everything else by its int payload.
inline double Num(const Value& v) {
  return v.tag == Tag::kFloat ? v.f : static_cast<double>(v.i);
}

inline bool IsTrue(const Value& v) { return v.tag == Tag::kBool && v.b; }

// The byte a bool is stored in, read as a byte: well defined (and the same
// for the interpreter and compiled tests) even for a value that is not a
// bool, which a bool comparison never sees from checked programs.
inline bool BoolByte(const Value& v) {
  uint8_t byte;
  std::memcpy(&byte, &v.b, 1);
  return byte != 0;
}

template <typename X>
inline bool Compare(uint8_t op, X a, X b) {
  switch (static_cast<expr::CmpOp>(op)) {
    case expr::CmpOp::kEq: return a == b;
    case expr::CmpOp::kNe: return a != b;
    case expr::CmpOp::kLt: return a < b;
    case expr::CmpOp::kLe: return a <= b;
    case expr::CmpOp::kGt: return a > b;
    case expr::CmpOp::kGe: return a >= b;
  }
  return false;
}

// Bytewise, shorter first on a common prefix (UTF-8 byte order is code point order).
inline int CompareStrings(const Value& a, const Value& b) {
  size_t n = std::min(a.len, b.len);
  int c = n == 0 ? 0 : std::memcmp(a.s, b.s, n);
  if (c != 0) return c;
  return a.len < b.len ? -1 : a.len > b.len ? 1 : 0;
}

// The comparison instruction `op` (kCmpInt, kCmpFloat, kCmpString, kCmpBool)
// with operator `cmp` on a (below) and b (top): false when either is null.
inline bool CompareValues(expr::Op op, uint8_t cmp, const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return false;
  switch (op) {
    case expr::Op::kCmpInt: return Compare(cmp, a.i, b.i);
    case expr::Op::kCmpFloat: return Compare(cmp, Num(a), Num(b));
    case expr::Op::kCmpString: return Compare(cmp, CompareStrings(a, b), 0);
    default: return Compare(cmp, BoolByte(a), BoolByte(b));
  }
}

}  // namespace cep::rt::ops

#endif  // CEP_RUNTIME_EXPR_OPS_H_
