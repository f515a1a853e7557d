// Typing of operators: unary - and not, arithmetic, comparison, and/or,
// `in [...]`, `is [not] null` and `=~` / `!~` (see expr_typer.h).
//   int op int -> int (`/` truncates); int with float -> float
//   string + string -> string
//   timestamp - timestamp -> duration; timestamp +- duration -> timestamp
//   duration +- % duration -> duration; duration / duration -> float
//   duration * number, number * duration, duration / number -> duration
// Comparisons: numbers with numbers, else the same kind (bool: == and !=
// only); a comparison with the literal null is an error (null-comparison).
// Tested by tests/unit/check_expr_test.cc.
#include "compiler/util/strcat.h"
#include "compiler/check/expr_typer.h"

namespace cep::check {
namespace {

const char* Spelling(ast::Op op) {
  switch (op) {
    case ast::Op::kNeg: return "-";
    case ast::Op::kNot: return "not";
    case ast::Op::kMul: return "*";
    case ast::Op::kDiv: return "/";
    case ast::Op::kMod: return "%";
    case ast::Op::kAdd: return "+";
    case ast::Op::kSub: return "-";
    case ast::Op::kLt: return "<";
    case ast::Op::kLe: return "<=";
    case ast::Op::kGt: return ">";
    case ast::Op::kGe: return ">=";
    case ast::Op::kEq: return "==";
    case ast::Op::kNe: return "!=";
    case ast::Op::kAnd: return "and";
    case ast::Op::kOr: return "or";
    case ast::Op::kNone: return "?";
  }
  return "?";
}

bool IsComparison(ast::Op op) {
  return op == ast::Op::kLt || op == ast::Op::kLe || op == ast::Op::kGt ||
         op == ast::Op::kGe || op == ast::Op::kEq || op == ast::Op::kNe;
}

// The result of an arithmetic operator, kUnknown when it does not apply.
TypeKind Arith(ast::Op op, TypeKind a, TypeKind b) {
  using T = TypeKind;
  auto numeric = [](T k) { return k == T::kInt || k == T::kFloat; };
  if (a == T::kNull || b == T::kNull) {
    T other = a == T::kNull ? b : a;
    if (other == T::kNull) return T::kNull;
    return Arith(op, other, other);
  }
  if (numeric(a) && numeric(b)) return a == T::kInt && b == T::kInt ? T::kInt : T::kFloat;
  switch (op) {
    case ast::Op::kAdd:
      if (a == T::kString && b == T::kString) return T::kString;
      if (a == T::kTimestamp && b == T::kDuration) return T::kTimestamp;
      if (a == T::kDuration && b == T::kTimestamp) return T::kTimestamp;
      if (a == T::kDuration && b == T::kDuration) return T::kDuration;
      return T::kUnknown;
    case ast::Op::kSub:
      if (a == T::kTimestamp && b == T::kTimestamp) return T::kDuration;
      if (a == T::kTimestamp && b == T::kDuration) return T::kTimestamp;
      if (a == T::kDuration && b == T::kDuration) return T::kDuration;
      return T::kUnknown;
    case ast::Op::kMul:
      if (a == T::kDuration && numeric(b)) return T::kDuration;
      if (numeric(a) && b == T::kDuration) return T::kDuration;
      return T::kUnknown;
    case ast::Op::kDiv:
      if (a == T::kDuration && numeric(b)) return T::kDuration;
      if (a == T::kDuration && b == T::kDuration) return T::kFloat;
      return T::kUnknown;
    case ast::Op::kMod:
      if (a == T::kDuration && b == T::kDuration) return T::kDuration;
      return T::kUnknown;
    default:
      return T::kUnknown;
  }
}

bool IsZero(const ConstValue& v) {
  switch (v.kind) {
    case TypeKind::kInt:
    case TypeKind::kDuration: return v.i == 0;
    case TypeKind::kFloat: return v.f == 0.0;
    default: return false;
  }
}

}  // namespace

bool Comparable(const Type& a, const Type& b, bool ordering) {
  if (!a.known() || !b.known()) return true;
  if (a.numeric() && b.numeric()) return true;
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case TypeKind::kString:
    case TypeKind::kTimestamp:
    case TypeKind::kDuration: return true;
    case TypeKind::kBool: return !ordering;
    default: return false;
  }
}

Type CommonType(const Type& a, const Type& b) {
  if (!a.known() || !b.known()) return Type{};
  if (a.kind == TypeKind::kNull) return b;
  if (b.kind == TypeKind::kNull) return a;
  if (a.numeric() && b.numeric()) {
    return Type::Of(a.kind == TypeKind::kInt && b.kind == TypeKind::kInt ? TypeKind::kInt
                                                                         : TypeKind::kFloat);
  }
  if (a.kind == b.kind && a.event_type == b.event_type) return Type{a.kind, false, a.event_type};
  return Type{};
}

Typed ExprTyper::VisitUnary(ast::Expr& e) {
  if (e.args.empty()) return Typed::Unknown();
  ast::Expr& arg = *e.args[0];
  Typed o = Scalar(Visit(arg), arg);
  if (!o.type.known()) return Typed::Unknown();
  Typed out = o;
  if (e.op == ast::Op::kNot) {
    if (o.type.kind != TypeKind::kBool) {
      ctx_.diags.Report(DiagKind::kTypeMismatch, arg.range,
                        StrCat("'not' needs a bool condition, but '", Text(arg), "' is ",
                                     TypeStr(o.type)));
      return Typed::Unknown();
    }
    out.nullable = false;  // null counts as false, so `not null` is true
    return out;
  }
  TypeKind k = o.type.kind;
  if (k != TypeKind::kInt && k != TypeKind::kFloat && k != TypeKind::kDuration &&
      k != TypeKind::kNull) {
    ctx_.diags.Report(DiagKind::kTypeMismatch, arg.range,
                      StrCat("operator '-' needs a number or a duration, but '", Text(arg),
                                   "' is ", TypeStr(o.type)));
    return Typed::Unknown();
  }
  return out;
}

Typed ExprTyper::VisitBinary(ast::Expr& e) {
  if (e.args.size() != 2) return Typed::Unknown();
  ast::Expr& l = *e.args[0];
  ast::Expr& r = *e.args[1];
  Typed a = Scalar(Visit(l), l);
  Typed b = Scalar(Visit(r), r);
  Typed out;
  if (e.op == ast::Op::kAnd || e.op == ast::Op::kOr) {
    bool ok = true;
    for (auto [t, x] : {std::pair{&a, &l}, std::pair{&b, &r}}) {
      if (t->type.known() && t->type.kind != TypeKind::kBool) {
        ctx_.diags.Report(DiagKind::kTypeMismatch, x->range,
                          StrCat("'", Spelling(e.op), "' needs bool conditions, but '",
                                       Text(*x), "' is ", TypeStr(t->type)));
        ok = false;
      }
    }
    if (!ok || !MergeGroup(a, b, e, &out)) return Typed::Unknown();
    out.type.kind = TypeKind::kBool;
    out.nullable = false;
    return out;
  }
  if (IsComparison(e.op)) {
    const bool ordering = e.op != ast::Op::kEq && e.op != ast::Op::kNe;
    if (a.type.kind == TypeKind::kNull || b.type.kind == TypeKind::kNull) {
      const ast::Expr& other = a.type.kind == TypeKind::kNull ? r : l;
      std::string fix = e.op == ast::Op::kNe ? "is not null" : "is null";
      ctx_.diags.Report(DiagKind::kNullComparison, e.range,
                        StrCat("a comparison with null is always false; write '",
                                     Text(other), " ", fix, "'"));
      return Typed::Unknown();
    }
    if (!a.type.known() || !b.type.known()) return Typed::Of(TypeKind::kBool);
    if (!Comparable(a.type, b.type, ordering)) {
      std::string why = ordering && a.type.kind == b.type.kind
                            ? StrCat(TypeStr(a.type), " values have no order")
                            : StrCat(TypeStr(a.type), " and ", TypeStr(b.type),
                                           " cannot be compared");
      ctx_.diags.Report(DiagKind::kTypeMismatch, e.range,
                        StrCat("operator '", Spelling(e.op), "' cannot compare '",
                                     Text(l), "' with '", Text(r), "': ", why));
      return Typed::Unknown();
    }
    if (!MergeGroup(a, b, e, &out)) return Typed::Unknown();
    out.type.kind = TypeKind::kBool;
    out.nullable = false;  // a comparison with a null operand is false
    return out;
  }
  // Arithmetic.
  if (!a.type.known() || !b.type.known()) return Typed::Unknown();
  TypeKind k = Arith(e.op, a.type.kind, b.type.kind);
  if (k == TypeKind::kUnknown) {
    std::string hint;
    if (e.op == ast::Op::kAdd &&
        (a.type.kind == TypeKind::kString || b.type.kind == TypeKind::kString)) {
      hint = "; to build a string use concat(...) or to_string(...)";
    }
    ctx_.diags.Report(DiagKind::kTypeMismatch, e.range,
                      StrCat("operator '", Spelling(e.op), "' cannot combine ",
                                   TypeStr(a.type), " and ", TypeStr(b.type), hint));
    return Typed::Unknown();
  }
  if (e.op == ast::Op::kDiv || e.op == ast::Op::kMod) {
    std::optional<ConstValue> divisor = Fold(ctx_, r, /*report=*/false);
    if (divisor.has_value() && IsZero(*divisor)) {
      ctx_.diags.Report(DiagKind::kDivisionByZero, r.range,
                        e.op == ast::Op::kDiv ? "division by zero"
                                              : "remainder of a division by zero");
      return Typed::Unknown();
    }
  }
  if (!MergeGroup(a, b, e, &out)) return Typed::Unknown();
  out.type.kind = k;
  out.nullable = a.nullable || b.nullable;
  return out;
}

Typed ExprTyper::VisitIn(ast::Expr& e) {
  if (e.args.empty()) return Typed::Unknown();
  ast::Expr& l = *e.args[0];
  Typed a = Scalar(Visit(l), l);
  Typed out = a;
  bool ok = true;
  for (size_t i = 1; i < e.args.size(); ++i) {
    ast::Expr& x = *e.args[i];
    Typed t = Scalar(Visit(x), x);
    if (t.type.kind == TypeKind::kNull) {
      ctx_.diags.Report(DiagKind::kNullComparison, x.range,
                        StrCat("null in a list never matches; test '", Text(l),
                                     " is null' instead"));
      ok = false;
      continue;
    }
    if (!Comparable(a.type, t.type, /*ordering=*/false)) {
      ctx_.diags.Report(DiagKind::kTypeMismatch, x.range,
                        StrCat("'", Text(x), "' is ", TypeStr(t.type), ", but '", Text(l),
                                     "' is ", TypeStr(a.type)));
      ok = false;
      continue;
    }
    Typed merged;
    if (!MergeGroup(out, t, e, &merged)) {
      ok = false;
      continue;
    }
    out.type.group = merged.type.group;
    out.group_of = merged.group_of;
  }
  if (!ok) return Typed::Unknown();
  if (a.type.kind == TypeKind::kNull) {
    ctx_.diags.Report(DiagKind::kNullComparison, l.range,
                      "null is never in a list; use 'is null'");
    return Typed::Unknown();
  }
  out.type.kind = TypeKind::kBool;
  out.type.event_type = kNoEventType;
  out.nullable = false;
  return out;
}

Typed ExprTyper::VisitIsNull(ast::Expr& e) {
  if (e.args.empty()) return Typed::Unknown();
  ast::Expr& x = *e.args[0];
  Typed t = Scalar(Visit(x), x);
  if (t.type.known() && !t.nullable && t.type.kind != TypeKind::kNull) {
    ctx_.diags.Report(DiagKind::kNeverNull, e.range,
                      StrCat("'", Text(x), "' is never null, so '",
                                   e.negated ? "is not null' is always true"
                                             : "is null' is always false"));
  }
  Typed out = t;
  out.type = Type::Of(TypeKind::kBool);
  out.type.group = t.type.group;
  out.nullable = false;
  return out;
}

Typed ExprTyper::VisitRegexMatch(ast::Expr& e) {
  if (e.args.empty()) return Typed::Unknown();
  ast::Expr& x = *e.args[0];
  Typed t = Scalar(Visit(x), x);
  bool ok = true;
  if (t.type.known() && t.type.kind != TypeKind::kString && t.type.kind != TypeKind::kNull) {
    ctx_.diags.Report(DiagKind::kTypeMismatch, x.range,
                      StrCat("'", e.negated ? "!~" : "=~",
                                   "' needs a string on its left, but '", Text(x), "' is ",
                                   TypeStr(t.type)));
    ok = false;
  }
  SourceRange flags_range;
  const SourceRange& tr = e.text_range;
  if (tr.valid() && tr.file < ctx_.sources.file_count()) {
    std::string_view file_text = ctx_.sources.text(tr.file);
    if (tr.end < file_text.size() && file_text[tr.end] == '/') {
      flags_range = SourceRange{tr.file, tr.end + 1,
                                static_cast<uint32_t>(tr.end + 1 + e.regex_flags.size())};
    }
  }
  if (!CheckRegex(ctx_, e.text, e.regex_flags, e.text_range, flags_range, e.range)) ok = false;
  if (!ok) return Typed::Unknown();
  Typed out = t;
  out.type = Type::Of(TypeKind::kBool);
  out.type.group = t.type.group;
  out.nullable = false;
  return out;
}

}  // namespace cep::check
