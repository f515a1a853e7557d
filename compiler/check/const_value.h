// A value known when the rules are compiled: the folded value of a `const`,
// a quantifier bound, a window size, a `timestamp("...")` literal. Produced by
// const_eval.cc. Tested by tests/unit/check_const_test.cc.
#ifndef CEP_COMPILER_CHECK_CONST_VALUE_H_
#define CEP_COMPILER_CHECK_CONST_VALUE_H_

#include <cstdint>
#include <string>

#include "compiler/ast/types.h"

namespace cep::check {

struct ConstValue {
  TypeKind kind = TypeKind::kUnknown;  // kInt kFloat kBool kString kDuration kTimestamp kNull
  int64_t i = 0;        // kInt; kDuration and kTimestamp in nanoseconds
  double f = 0;         // kFloat
  bool b = false;       // kBool
  std::string s;        // kString

  static ConstValue Int(int64_t v) { return {TypeKind::kInt, v, 0, false, {}}; }
  static ConstValue Float(double v) { return {TypeKind::kFloat, 0, v, false, {}}; }
  static ConstValue Bool(bool v) { return {TypeKind::kBool, 0, 0, v, {}}; }
  static ConstValue String(std::string v) {
    return {TypeKind::kString, 0, 0, false, std::move(v)};
  }
  static ConstValue Duration(int64_t ns) { return {TypeKind::kDuration, ns, 0, false, {}}; }
  static ConstValue Timestamp(int64_t ns) { return {TypeKind::kTimestamp, ns, 0, false, {}}; }
  static ConstValue Null() { return {TypeKind::kNull, 0, 0, false, {}}; }

  // As the value would be written in a rule: 42, 2.5, "x", true, 10m, null,
  // timestamp("2024-01-02T03:04:05Z").
  std::string ToString() const;
  friend bool operator==(const ConstValue&, const ConstValue&) = default;
};

// A duration in the largest unit that divides it: 90s -> "90s", 600s -> "10m".
std::string FormatDuration(int64_t ns);

}  // namespace cep::check

#endif  // CEP_COMPILER_CHECK_CONST_VALUE_H_
