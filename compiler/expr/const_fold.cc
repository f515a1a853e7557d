// Constant folding for the expression compiler (see const_fold.h). Every
// case mirrors runtime/expr_eval.cc; anything the run time treats specially
// (overflow, division by zero, out-of-range durations) is left to it.
#include "compiler/expr/const_fold.h"

#include <cmath>
#include <limits>
#include <string>

#include "absl/time/time.h"
#include "compiler/check/builtins.h"

namespace cep::expr::internal {
namespace {

using V = check::ConstValue;
using T = TypeKind;
using check::BuiltinId;

constexpr int64_t kMin64 = std::numeric_limits<int64_t>::min();

bool Numeric(const V& v) { return v.kind == T::kInt || v.kind == T::kFloat; }
double AsDouble(const V& v) { return v.kind == T::kInt ? static_cast<double>(v.i) : v.f; }

V IntLike(T kind, int64_t i) {
  V v;
  v.kind = kind;
  v.i = i;
  return v;
}

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

// A double rounded to the nanosecond, when it fits (else the run time gives null).
std::optional<int64_t> RoundNs(double d) {
  if (!(std::fabs(d) < 9.2e18)) return std::nullopt;
  return std::llround(d);
}

class Folder {
 public:
  explicit Folder(const check::CheckedProgram& checked) : checked_(checked) {}

  std::optional<V> Fold(const ast::Expr& e) {
    switch (e.kind) {
      case ast::ExprKind::kIntLit: return V::Int(e.int_value);
      case ast::ExprKind::kFloatLit: return V::Float(e.float_value);
      case ast::ExprKind::kDurationLit: return V::Duration(e.int_value);
      case ast::ExprKind::kStringLit: return V::String(e.text);
      case ast::ExprKind::kBoolLit: return V::Bool(e.bool_value);
      case ast::ExprKind::kNullLit: return V::Null();
      case ast::ExprKind::kName:
        if (e.ref == ast::NameRef::kConst && e.decl_index >= 0 &&
            static_cast<size_t>(e.decl_index) < checked_.consts.size()) {
          return checked_.consts[e.decl_index].value;
        }
        return std::nullopt;
      case ast::ExprKind::kUnary: return Unary(e);
      case ast::ExprKind::kBinary: return Binary(e);
      case ast::ExprKind::kCall: return Call(e);
      default: return std::nullopt;
    }
  }

 private:
  std::optional<V> Unary(const ast::Expr& e) {
    if (e.args.size() != 1) return std::nullopt;
    std::optional<V> v = Fold(*e.args[0]);
    if (!v.has_value()) return std::nullopt;
    if (e.op == ast::Op::kNot) return V::Bool(!(v->kind == T::kBool && v->b));
    switch (v->kind) {
      case T::kInt:
      case T::kDuration:
        if (v->i == kMin64) return std::nullopt;  // wraps at run time
        v->i = -v->i;
        return v;
      case T::kFloat: v->f = -v->f; return v;
      case T::kNull: return v;
      default: return std::nullopt;
    }
  }

  static std::optional<bool> Compare(ast::Op op, const V& a, const V& b) {
    if (a.kind == T::kNull || b.kind == T::kNull) return false;
    auto apply = [op](auto x, auto y) -> bool {
      switch (op) {
        case ast::Op::kEq: return x == y;
        case ast::Op::kNe: return x != y;
        case ast::Op::kLt: return x < y;
        case ast::Op::kLe: return x <= y;
        case ast::Op::kGt: return x > y;
        case ast::Op::kGe: return x >= y;
        default: return false;
      }
    };
    if (Numeric(a) && Numeric(b)) {
      if (a.kind == T::kInt && b.kind == T::kInt) return apply(a.i, b.i);
      return apply(AsDouble(a), AsDouble(b));
    }
    if (a.kind != b.kind) return std::nullopt;
    switch (a.kind) {
      case T::kString: return apply(a.s.compare(b.s), 0);
      case T::kBool: return apply(a.b, b.b);
      case T::kTimestamp:
      case T::kDuration: return apply(a.i, b.i);
      default: return std::nullopt;
    }
  }

  std::optional<V> Binary(const ast::Expr& e) {
    if (e.args.size() != 2) return std::nullopt;
    std::optional<V> a = Fold(*e.args[0]);
    if (!a.has_value()) return std::nullopt;
    std::optional<V> b = Fold(*e.args[1]);
    if (!b.has_value()) return std::nullopt;
    auto truth = [](const V& v) { return v.kind == T::kBool && v.b; };
    switch (e.op) {
      case ast::Op::kAnd: return V::Bool(truth(*a) && truth(*b));
      case ast::Op::kOr: return V::Bool(truth(*a) || truth(*b));
      case ast::Op::kLt:
      case ast::Op::kLe:
      case ast::Op::kGt:
      case ast::Op::kGe:
      case ast::Op::kEq:
      case ast::Op::kNe: {
        std::optional<bool> r = Compare(e.op, *a, *b);
        if (!r.has_value()) return std::nullopt;
        return V::Bool(*r);
      }
      default: break;
    }
    if (a->kind == T::kNull || b->kind == T::kNull) return V::Null();
    const T result = e.type.kind;
    if (result == T::kString) {
      if (e.op != ast::Op::kAdd || a->kind != T::kString || b->kind != T::kString) {
        return std::nullopt;
      }
      return V::String(a->s + b->s);
    }
    if (result == T::kFloat) {
      double x = a->kind == T::kDuration ? static_cast<double>(a->i) : AsDouble(*a);
      double y = b->kind == T::kDuration ? static_cast<double>(b->i) : AsDouble(*b);
      switch (e.op) {
        case ast::Op::kAdd: return V::Float(x + y);
        case ast::Op::kSub: return V::Float(x - y);
        case ast::Op::kMul: return V::Float(x * y);
        case ast::Op::kDiv: return V::Float(x / y);
        case ast::Op::kMod: return V::Float(std::fmod(x, y));
        default: return std::nullopt;
      }
    }
    // A duration scaled by a float: rounded to the nanosecond.
    if (result == T::kDuration && (a->kind == T::kFloat || b->kind == T::kFloat)) {
      double d = static_cast<double>(a->kind == T::kDuration ? a->i : b->i);
      double f = a->kind == T::kFloat ? a->f : b->f;
      if (e.op == ast::Op::kDiv && f == 0) return std::nullopt;
      std::optional<int64_t> r = RoundNs(e.op == ast::Op::kMul ? d * f : d / f);
      if (!r.has_value()) return std::nullopt;
      return V::Duration(*r);
    }
    if (result != T::kInt && result != T::kDuration && result != T::kTimestamp) {
      return std::nullopt;
    }
    int64_t x = a->i, y = b->i, r = 0;
    switch (e.op) {
      case ast::Op::kAdd:
        if (__builtin_add_overflow(x, y, &r)) return std::nullopt;
        break;
      case ast::Op::kSub:
        if (__builtin_sub_overflow(x, y, &r)) return std::nullopt;
        break;
      case ast::Op::kMul:
        if (__builtin_mul_overflow(x, y, &r)) return std::nullopt;
        break;
      case ast::Op::kDiv:
        if (y == 0 || (x == kMin64 && y == -1)) return std::nullopt;
        r = x / y;
        break;
      case ast::Op::kMod:
        if (y == 0) return std::nullopt;
        r = y == -1 ? 0 : x % y;
        break;
      default: return std::nullopt;
    }
    return IntLike(result, r);
  }

  std::optional<V> Call(const ast::Expr& e) {
    if (e.decl_index < 0 || static_cast<size_t>(e.decl_index) >= check::Builtins().size()) {
      return std::nullopt;
    }
    const check::Builtin& b = check::Builtins()[e.decl_index];
    if (b.cls != check::BuiltinClass::kScalar) return std::nullopt;
    switch (b.id) {
      case BuiltinId::kTimestamp: case BuiltinId::kAbs: case BuiltinId::kMinOf:
      case BuiltinId::kMaxOf: case BuiltinId::kCoalesce: case BuiltinId::kLength:
      case BuiltinId::kLower: case BuiltinId::kUpper: case BuiltinId::kTrim:
      case BuiltinId::kToFloat:
        break;
      default:
        return std::nullopt;
    }
    std::vector<V> v;
    for (const auto& a : e.args) {
      std::optional<V> x = Fold(*a);
      if (!x.has_value()) return std::nullopt;
      v.push_back(std::move(*x));
    }
    if (v.empty()) return std::nullopt;
    const T result = e.type.kind;
    auto widen = [result](V x) {
      if (result == T::kFloat && x.kind == T::kInt) return V::Float(static_cast<double>(x.i));
      return x;
    };
    if (b.id == BuiltinId::kCoalesce) {
      for (V& x : v) {
        if (x.kind != T::kNull) return widen(x);
      }
      return V::Null();
    }
    for (const V& x : v) {
      if (x.kind == T::kNull) return V::Null();
    }
    const V& x = v[0];
    switch (b.id) {
      case BuiltinId::kTimestamp: {
        if (x.kind != T::kString) return std::nullopt;
        std::optional<int64_t> ns = ParseTimestampConst(x.s);
        if (!ns.has_value()) return std::nullopt;
        return V::Timestamp(*ns);
      }
      case BuiltinId::kAbs:
        if (x.kind == T::kFloat) return V::Float(std::fabs(x.f));
        if (x.kind != T::kInt && x.kind != T::kDuration) return std::nullopt;
        if (x.i == kMin64) return std::nullopt;
        return IntLike(x.kind, x.i < 0 ? -x.i : x.i);
      case BuiltinId::kMinOf:
      case BuiltinId::kMaxOf: {
        if (v.size() != 2) return std::nullopt;
        V l = widen(v[0]);
        V r = widen(v[1]);
        if ((l.kind == T::kFloat && std::isnan(l.f)) || (r.kind == T::kFloat && std::isnan(r.f))) {
          return std::nullopt;  // the run time's NaN rule decides
        }
        std::optional<bool> less = Compare(ast::Op::kLt, r, l);
        if (!less.has_value()) return std::nullopt;
        std::optional<bool> greater = Compare(ast::Op::kGt, r, l);
        // The first argument wins ties (and NaN comparisons), as at run time.
        bool take_r = b.id == BuiltinId::kMinOf ? *less : *greater;
        return take_r ? r : l;
      }
      case BuiltinId::kLength:
        if (x.kind != T::kString) return std::nullopt;
        return V::Int(Utf8Length(x.s));
      case BuiltinId::kLower:
      case BuiltinId::kUpper: {
        if (x.kind != T::kString) return std::nullopt;
        std::string s = x.s;
        for (char& c : s) {
          if (b.id == BuiltinId::kLower && c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
          if (b.id == BuiltinId::kUpper && c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
        }
        return V::String(std::move(s));
      }
      case BuiltinId::kTrim: {
        if (x.kind != T::kString) return std::nullopt;
        size_t begin = 0, end = x.s.size();
        while (begin < end && IsSpace(x.s[begin])) ++begin;
        while (end > begin && IsSpace(x.s[end - 1])) --end;
        return V::String(x.s.substr(begin, end - begin));
      }
      case BuiltinId::kToFloat:
        if (x.kind == T::kInt) return V::Float(static_cast<double>(x.i));
        if (x.kind == T::kFloat) return x;
        return std::nullopt;  // strings parse at run time
      default:
        return std::nullopt;
    }
  }

  const check::CheckedProgram& checked_;
};

}  // namespace

std::optional<check::ConstValue> FoldConst(const ast::Expr& e,
                                           const check::CheckedProgram& checked) {
  return Folder(checked).Fold(e);
}

std::optional<int64_t> ParseTimestampConst(std::string_view text) {
  absl::Time t;
  std::string err;
  if (!absl::ParseTime(absl::RFC3339_full, std::string(text), &t, &err)) return std::nullopt;
  if (t < absl::FromUnixNanos(std::numeric_limits<int64_t>::min()) ||
      t > absl::FromUnixNanos(std::numeric_limits<int64_t>::max())) {
    return std::nullopt;
  }
  return absl::ToUnixNanos(t);
}

int64_t Utf8Length(std::string_view s) {
  int64_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

}  // namespace cep::expr::internal
