// Constants: types and folds every `const` (on demand, so a const may use
// consts declared after it or in imported files; a cycle is reported once as
// not-constant at the reference that closes it), and folds other values that
// must be known when the rules are compiled: quantifier bounds, durations
// (`within`, windows, `suppress ... for`), percentile's p, the regex of
// matches(), timestamp("..."). Folding follows the run-time semantics:
// int arithmetic is checked for overflow (constant-overflow), `/` on ints
// truncates, int with float is float.
// O(size of the expressions); each const is folded once.
// Tested by tests/unit/check_const_test.cc.
#include <cmath>
#include <cstdlib>
#include <limits>

#include "absl/strings/ascii.h"
#include "compiler/util/strcat.h"
#include "absl/time/time.h"
#include "compiler/check/builtins.h"
#include "compiler/check/check_context.h"
#include "compiler/check/expr_typer.h"

namespace cep::check {
namespace {

using V = ConstValue;
using T = TypeKind;

class Folder {
 public:
  Folder(CheckContext& ctx, bool report, std::string_view what)
      : ctx_(ctx), report_(report), what_(what) {}

  std::optional<V> Fold(const ast::Expr& e);

 private:
  std::optional<V> NotConstant(const ast::Expr& e, std::string why) {
    if (report_ && !reported_) {
      reported_ = true;
      std::string msg = StrCat("'", Text(e), "' ", why);
      if (!what_.empty()) {
        msg += StrCat("; the ", what_, " must be known when the rules are compiled");
      }
      ctx_.diags.Report(DiagKind::kNotConstant, e.range, std::move(msg));
    }
    return std::nullopt;
  }
  std::optional<V> Overflow(const ast::Expr& e) {
    if (report_ && !reported_) {
      reported_ = true;
      ctx_.diags.Report(DiagKind::kConstantOverflow, e.range,
                        StrCat("the value of '", Text(e), "' does not fit in 64 bits"));
    }
    return std::nullopt;
  }
  std::string Text(const ast::Expr& e) const {
    if (e.range.valid() && e.range.file < ctx_.sources.file_count() && e.range.end > e.range.begin) {
      return std::string(ctx_.sources.text(e.range));
    }
    return e.name.empty() ? "expression" : e.name.text;
  }
  std::optional<V> Unary(const ast::Expr& e);
  std::optional<V> Binary(const ast::Expr& e);
  std::optional<V> Call(const ast::Expr& e);

  CheckContext& ctx_;
  bool report_;
  std::string_view what_;
  bool reported_ = false;
};

double AsDouble(const V& v) { return v.kind == T::kInt ? static_cast<double>(v.i) : v.f; }
bool Numeric(const V& v) { return v.kind == T::kInt || v.kind == T::kFloat; }

// <0, 0, >0; both of one comparable kind (numbers mix).
int Compare(const V& a, const V& b) {
  if (Numeric(a) && Numeric(b)) {
    if (a.kind == T::kInt && b.kind == T::kInt) return a.i < b.i ? -1 : a.i > b.i ? 1 : 0;
    double x = AsDouble(a), y = AsDouble(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  switch (a.kind) {
    case T::kString: return a.s.compare(b.s) < 0 ? -1 : a.s == b.s ? 0 : 1;
    case T::kBool: return static_cast<int>(a.b) - static_cast<int>(b.b);
    default: return a.i < b.i ? -1 : a.i > b.i ? 1 : 0;  // duration, timestamp
  }
}

std::optional<V> Folder::Fold(const ast::Expr& e) {
  if (!e.type.known()) return std::nullopt;  // already reported
  switch (e.kind) {
    case ast::ExprKind::kIntLit: return V::Int(e.int_value);
    case ast::ExprKind::kFloatLit: return V::Float(e.float_value);
    case ast::ExprKind::kDurationLit: return V::Duration(e.int_value);
    case ast::ExprKind::kStringLit: return V::String(e.text);
    case ast::ExprKind::kBoolLit: return V::Bool(e.bool_value);
    case ast::ExprKind::kNullLit: return V::Null();
    case ast::ExprKind::kName:
      if (e.ref == ast::NameRef::kConst && e.decl_index >= 0) {
        return ctx_.out.consts[e.decl_index].value;  // nullopt: its error is reported
      }
      return NotConstant(e, "is not a constant");
    case ast::ExprKind::kUnary: return Unary(e);
    case ast::ExprKind::kBinary: return Binary(e);
    case ast::ExprKind::kCall: return Call(e);
    case ast::ExprKind::kField: return NotConstant(e, "reads an event");
    default: return NotConstant(e, "cannot be evaluated when the rules are compiled");
  }
}

std::optional<V> Folder::Unary(const ast::Expr& e) {
  std::optional<V> v = Fold(*e.args[0]);
  if (!v.has_value()) return std::nullopt;
  if (e.op == ast::Op::kNot) return v->kind == T::kNull ? V::Bool(true) : V::Bool(!v->b);
  switch (v->kind) {
    case T::kInt:
    case T::kDuration:
      if (v->i == std::numeric_limits<int64_t>::min()) return Overflow(e);
      v->i = -v->i;
      return v;
    case T::kFloat: v->f = -v->f; return v;
    default: return v;  // null
  }
}

std::optional<V> Folder::Binary(const ast::Expr& e) {
  std::optional<V> a = Fold(*e.args[0]);
  if (!a.has_value()) return std::nullopt;
  std::optional<V> b = Fold(*e.args[1]);
  if (!b.has_value()) return std::nullopt;
  switch (e.op) {
    case ast::Op::kAnd: return V::Bool(a->kind == T::kBool && a->b && b->kind == T::kBool && b->b);
    case ast::Op::kOr: return V::Bool((a->kind == T::kBool && a->b) || (b->kind == T::kBool && b->b));
    case ast::Op::kLt: return V::Bool(Compare(*a, *b) < 0);
    case ast::Op::kLe: return V::Bool(Compare(*a, *b) <= 0);
    case ast::Op::kGt: return V::Bool(Compare(*a, *b) > 0);
    case ast::Op::kGe: return V::Bool(Compare(*a, *b) >= 0);
    case ast::Op::kEq: return V::Bool(Compare(*a, *b) == 0);
    case ast::Op::kNe: return V::Bool(Compare(*a, *b) != 0);
    default: break;
  }
  if (a->kind == T::kNull || b->kind == T::kNull) return V::Null();
  const T result = e.type.kind;
  // Strings.
  if (result == T::kString) return V::String(a->s + b->s);
  // Floats (and float ratios of durations).
  if (result == T::kFloat) {
    double x = a->kind == T::kDuration ? static_cast<double>(a->i) : AsDouble(*a);
    double y = b->kind == T::kDuration ? static_cast<double>(b->i) : AsDouble(*b);
    double r = 0;
    switch (e.op) {
      case ast::Op::kAdd: r = x + y; break;
      case ast::Op::kSub: r = x - y; break;
      case ast::Op::kMul: r = x * y; break;
      case ast::Op::kDiv:
        if (y == 0) return std::nullopt;  // division-by-zero was reported by the typer
        r = x / y;
        break;
      case ast::Op::kMod:
        if (y == 0) return std::nullopt;
        r = std::fmod(x, y);
        break;
      default: return std::nullopt;
    }
    return V::Float(r);
  }
  // A duration scaled by a float: rounded to the nanosecond.
  if (result == T::kDuration && (a->kind == T::kFloat || b->kind == T::kFloat)) {
    double d = a->kind == T::kDuration ? static_cast<double>(a->i) : static_cast<double>(b->i);
    double f = a->kind == T::kFloat ? a->f : b->f;
    double r = e.op == ast::Op::kMul ? d * f : (f == 0 ? NAN : d / f);
    if (std::isnan(r)) return std::nullopt;
    if (!(std::fabs(r) < 9.2e18)) return Overflow(e);
    return V::Duration(std::llround(r));
  }
  // 64-bit integers: ints, durations, timestamps.
  int64_t x = a->i, y = b->i, r = 0;
  bool overflow = false;
  switch (e.op) {
    case ast::Op::kAdd: overflow = __builtin_add_overflow(x, y, &r); break;
    case ast::Op::kSub: overflow = __builtin_sub_overflow(x, y, &r); break;
    case ast::Op::kMul: overflow = __builtin_mul_overflow(x, y, &r); break;
    case ast::Op::kDiv:
    case ast::Op::kMod:
      if (y == 0) return std::nullopt;  // division-by-zero was reported by the typer
      if (x == std::numeric_limits<int64_t>::min() && y == -1) {
        overflow = e.op == ast::Op::kDiv;
        r = 0;
      } else {
        r = e.op == ast::Op::kDiv ? x / y : x % y;
      }
      break;
    default: return std::nullopt;
  }
  if (overflow) return Overflow(e);
  V v;
  v.kind = result;
  v.i = r;
  return v;
}

std::optional<V> Folder::Call(const ast::Expr& e) {
  if (e.decl_index < 0) return std::nullopt;
  const Builtin& b = Builtins()[e.decl_index];
  auto args = [&]() -> std::optional<std::vector<V>> {
    std::vector<V> out;
    for (const auto& a : e.args) {
      std::optional<V> v = Fold(*a);
      if (!v.has_value()) return std::nullopt;
      out.push_back(std::move(*v));
    }
    return out;
  };
  switch (b.id) {
    case BuiltinId::kTimestamp: {
      auto v = args();
      if (!v.has_value() || (*v)[0].kind != T::kString) return std::nullopt;
      absl::Time t;
      std::string err;
      if (!absl::ParseTime(absl::RFC3339_full, (*v)[0].s, &t, &err)) return std::nullopt;
      return V::Timestamp(absl::ToUnixNanos(t));
    }
    case BuiltinId::kAbs: {
      auto v = args();
      if (!v.has_value()) return std::nullopt;
      V x = (*v)[0];
      if (x.kind == T::kFloat) {
        x.f = std::fabs(x.f);
      } else if (x.kind == T::kInt || x.kind == T::kDuration) {
        if (x.i == std::numeric_limits<int64_t>::min()) return Overflow(e);
        x.i = x.i < 0 ? -x.i : x.i;
      }
      return x;
    }
    case BuiltinId::kMinOf:
    case BuiltinId::kMaxOf: {
      auto v = args();
      if (!v.has_value()) return std::nullopt;
      const V& x = (*v)[0];
      const V& y = (*v)[1];
      if (x.kind == T::kNull || y.kind == T::kNull) return V::Null();
      bool take_x = b.id == BuiltinId::kMinOf ? Compare(x, y) <= 0 : Compare(x, y) >= 0;
      V r = take_x ? x : y;
      if (e.type.kind == T::kFloat && r.kind == T::kInt) r = V::Float(static_cast<double>(r.i));
      return r;
    }
    case BuiltinId::kIf: {
      // Only the branch taken must be constant.
      std::optional<V> cond = Fold(*e.args[0]);
      if (!cond.has_value()) return std::nullopt;
      const bool take_then = cond->kind == T::kBool && cond->b;
      std::optional<V> x = Fold(*e.args[take_then ? 1 : 2]);
      if (!x.has_value()) return std::nullopt;
      if (e.type.kind == T::kFloat && x->kind == T::kInt) return V::Float(static_cast<double>(x->i));
      return x;
    }
    case BuiltinId::kCoalesce: {
      auto v = args();
      if (!v.has_value()) return std::nullopt;
      for (V& x : *v) {
        if (x.kind == T::kNull) continue;
        if (e.type.kind == T::kFloat && x.kind == T::kInt) return V::Float(static_cast<double>(x.i));
        return x;
      }
      return V::Null();
    }
    case BuiltinId::kLength:
    case BuiltinId::kLower:
    case BuiltinId::kUpper:
    case BuiltinId::kTrim: {
      auto v = args();
      if (!v.has_value()) return std::nullopt;
      const V& x = (*v)[0];
      if (x.kind != T::kString) return V::Null();
      switch (b.id) {
        case BuiltinId::kLength: {
          // Code points, as at run time: count the bytes that start one.
          int64_t n = 0;
          for (unsigned char c : x.s) n += (c & 0xC0) != 0x80;
          return V::Int(n);
        }
        case BuiltinId::kLower: return V::String(absl::AsciiStrToLower(x.s));
        case BuiltinId::kUpper: return V::String(absl::AsciiStrToUpper(x.s));
        default: return V::String(std::string(absl::StripAsciiWhitespace(x.s)));
      }
    }
    case BuiltinId::kToFloat: {
      auto v = args();
      if (!v.has_value()) return std::nullopt;
      const V& x = (*v)[0];
      if (x.kind == T::kInt) return V::Float(static_cast<double>(x.i));
      if (x.kind == T::kFloat) return x;
      return NotConstant(e, "cannot be evaluated when the rules are compiled");
    }
    default:
      return NotConstant(e, StrCat("calls '", b.name,
                                         "', which is not evaluated when the rules are "
                                         "compiled"));
  }
}

}  // namespace

std::optional<ConstValue> Fold(CheckContext& ctx, const ast::Expr& e, bool report) {
  return Folder(ctx, report, "").Fold(e);
}

Type ResolveConst(CheckContext& ctx, int32_t index, SourceRange use) {
  CheckedConst& c = ctx.out.consts[index];
  switch (ctx.const_state[index]) {
    case CheckContext::ConstState::kDone:
      return ctx.const_type[index];
    case CheckContext::ConstState::kInProgress: {
      std::vector<std::string> path;
      bool on_path = false;
      for (int32_t i : ctx.const_stack) {
        if (i == index) on_path = true;
        if (on_path) path.push_back(ctx.out.consts[i].name);
      }
      path.push_back(c.name);
      ctx.diags
          .Report(DiagKind::kNotConstant, use,
                  StrCat("constant '", c.name, "' depends on itself (",
                               JoinStrings(path, " -> "), ")"))
          .Note(c.decl->name.range, DeclaredHere(c.name));
      return Type{};
    }
    case CheckContext::ConstState::kPending:
      break;
  }
  ctx.const_state[index] = CheckContext::ConstState::kInProgress;
  ctx.const_stack.push_back(index);
  Type type;
  if (c.decl->value != nullptr) {
    ExprScope scope;
    scope.kind = ExprScope::Kind::kConst;
    scope.module = c.module;
    ExprTyper typer(ctx, scope);
    Typed t = typer.Value(*c.decl->value);
    if (t.type.known()) {
      if (t.type.kind == TypeKind::kNull) {
        ctx.diags.Report(DiagKind::kTypeMismatch, c.decl->value->range,
                         StrCat("constant '", c.name,
                                      "' cannot be null; a constant needs a value"));
      } else {
        c.value = Folder(ctx, /*report=*/true, StrCat("value of constant '", c.name, "'"))
                      .Fold(*c.decl->value);
        if (c.value.has_value()) type = Type::Of(c.value->kind);
      }
    }
  }
  ctx.const_stack.pop_back();
  ctx.const_type[index] = type;
  ctx.const_state[index] = CheckContext::ConstState::kDone;
  return type;
}

void EvaluateConsts(CheckContext& ctx) {
  for (size_t i = 0; i < ctx.out.consts.size(); ++i) {
    ResolveConst(ctx, static_cast<int32_t>(i), SourceRange{});
  }
}

std::optional<ConstValue> EvalConstExpr(CheckContext& ctx, uint32_t module, ast::Expr& e,
                                        std::string_view what) {
  ExprScope scope;
  scope.kind = ExprScope::Kind::kConst;
  scope.module = module;
  ExprTyper typer(ctx, scope);
  Typed t = typer.Value(e);
  if (!t.type.known()) return std::nullopt;
  return Folder(ctx, /*report=*/true, what).Fold(e);
}

int64_t EvalPositiveDuration(CheckContext& ctx, uint32_t module, ast::Expr& e,
                             std::string_view what) {
  std::optional<ConstValue> v = EvalConstExpr(ctx, module, e, what);
  if (!v.has_value()) return -1;
  if (v->kind != TypeKind::kDuration) {
    std::string hint = v->kind == TypeKind::kInt
                           ? StrCat("; write a unit, e.g. ", v->i, "s or ", v->i, "m")
                           : "";
    ctx.diags.Report(DiagKind::kInvalidDurationValue, e.range,
                     StrCat("the ", what, " must be a duration such as 10m, but it is ",
                                  TypeName(Type::Of(v->kind), ctx.out.schema), hint));
    return -1;
  }
  if (v->i <= 0) {
    ctx.diags.Report(DiagKind::kInvalidDurationValue, e.range,
                     StrCat("the ", what, " must be positive, but it is ",
                                  FormatDuration(v->i)));
    return -1;
  }
  return v->i;
}

int64_t EvalPositiveCount(CheckContext& ctx, uint32_t module, ast::Expr& e,
                          std::string_view what) {
  std::optional<ConstValue> v = EvalConstExpr(ctx, module, e, what);
  if (!v.has_value()) return -1;
  if (v->kind != TypeKind::kInt) {
    ctx.diags.Report(DiagKind::kInvalidDurationValue, e.range,
                     StrCat("the ", what, " must be a number of events, but it is ",
                                  TypeName(Type::Of(v->kind), ctx.out.schema)));
    return -1;
  }
  if (v->i <= 0) {
    ctx.diags.Report(DiagKind::kInvalidDurationValue, e.range,
                     StrCat("the ", what, " must be positive, but it is ", v->i));
    return -1;
  }
  return v->i;
}

}  // namespace cep::check
