// Typing of calls (see expr_typer.h): finds the builtin (builtins.h) by name
// and arity, checks each argument against its ArgRule, folds what must be
// constant (timestamp("..."), the regex of matches(), percentile's p), and
// places aggregates: in a pattern rule an aggregate ranges over a repeated
// variable (its argument must be a group), in a windowed `from` rule over the
// window's events, nowhere else.
// Tested by tests/unit/check_expr_test.cc and check_aggregate_test.cc.
#include <algorithm>

#include "compiler/util/strcat.h"
#include "absl/time/time.h"
#include "compiler/check/expr_typer.h"

namespace cep::check {
namespace {

std::string Arity(const Builtin& b) {
  if (b.id == BuiltinId::kMin || b.id == BuiltinId::kMax || b.id == BuiltinId::kMinOf ||
      b.id == BuiltinId::kMaxOf) {
    return StrCat("'", b.name, "' takes 1 argument (the ",
                        b.name == "min" ? "smallest" : "largest",
                        " value of a group) or 2 (the ",
                        b.name == "min" ? "smaller" : "larger", " of two values)");
  }
  auto args = [](int n) { return n == 1 ? "argument" : "arguments"; };
  if (b.max_args < 0) {
    return StrCat("'", b.name, "' takes at least ", b.min_args, " ", args(b.min_args));
  }
  if (b.min_args == b.max_args) {
    return StrCat("'", b.name, "' takes ", b.min_args, " ", args(b.min_args));
  }
  if (b.max_args == b.min_args + 1) {
    return StrCat("'", b.name, "' takes ", b.min_args, " or ", b.max_args, " ",
                        args(b.max_args));
  }
  return StrCat("'", b.name, "' takes ", b.min_args, " to ", b.max_args, " arguments");
}

const char* Expected(ArgRule r) {
  switch (r) {
    case ArgRule::kScalar: return "a value";
    case ArgRule::kString: return "a string";
    case ArgRule::kInt: return "an int";
    case ArgRule::kNumeric: return "a number";
    case ArgRule::kNumericOrDuration: return "a number or a duration";
    case ArgRule::kOrderable: return "a number, string, timestamp or duration";
    case ArgRule::kConstString: return "a constant string";
    case ArgRule::kConstNumber: return "a constant number";
    case ArgRule::kSameAsFirst: return "a value of the first argument's type";
    case ArgRule::kValueOrEvent: return "events or values";
    case ArgRule::kBool: return "a bool";
    case ArgRule::kSameAsSecond: return "a value of the second argument's type";
  }
  return "a value";
}

// `first` and `second`: the types of the first two arguments (kSameAsFirst,
// kSameAsSecond compare with them).
bool Accepts(ArgRule r, const Type& t, const Type& first, const Type& second) {
  using T = TypeKind;
  if (!t.known() || t.kind == T::kNull) return r != ArgRule::kConstString &&
                                               r != ArgRule::kConstNumber;
  const bool event = t.kind == T::kEvent;
  switch (r) {
    case ArgRule::kScalar: return !event;
    case ArgRule::kString:
    case ArgRule::kConstString: return t.kind == T::kString;
    case ArgRule::kInt: return t.kind == T::kInt;
    case ArgRule::kNumeric:
    case ArgRule::kConstNumber: return t.numeric();
    case ArgRule::kNumericOrDuration: return t.numeric() || t.kind == T::kDuration;
    case ArgRule::kOrderable:
      return t.numeric() || t.kind == T::kString || t.kind == T::kTimestamp ||
             t.kind == T::kDuration;
    case ArgRule::kSameAsFirst: return !event && Comparable(first, t, /*ordering=*/false);
    case ArgRule::kValueOrEvent: return true;
    case ArgRule::kBool: return t.kind == T::kBool;
    case ArgRule::kSameAsSecond:
      return !event && (second.kind == T::kNull || Comparable(second, t, /*ordering=*/false));
  }
  return false;
}

ArgRule RuleAt(const Builtin& b, size_t i) { return b.args[std::min<size_t>(i, 3)]; }

}  // namespace

Typed ExprTyper::VisitCall(ast::Expr& e) {
  const int argc = static_cast<int>(e.args.size());
  const Builtin* b = FindBuiltin(e.name.text, argc);
  auto visit_args = [&] {
    ++agg_depth_;  // no group complaints inside a call that is already wrong
    for (auto& a : e.args) {
      if (a != nullptr) Visit(*a);
    }
    --agg_depth_;
  };
  if (b == nullptr) {
    visit_args();
    ctx_.diags.Report(DiagKind::kUnknownFunction, e.name.range.valid() ? e.name.range : e.range,
                      StrCat("unknown function '", e.name.text, "'",
                                   Suggestion(e.name.text, BuiltinNames())));
    return Typed::Unknown();
  }
  if (argc < b->min_args || (b->max_args >= 0 && argc > b->max_args)) {
    visit_args();
    ctx_.diags
        .Report(DiagKind::kWrongArgumentCount, e.range,
                StrCat(Arity(*b), ", but ", argc, argc == 1 ? " was" : " were",
                             " given"))
        .Note(SourceRange{}, StrCat("signature: ", b->signature));
    return Typed::Unknown();
  }
  e.decl_index = BuiltinIndex(*b);
  return b->cls == BuiltinClass::kAggregate ? VisitAggregate(e, *b) : VisitScalarCall(e, *b);
}

Typed ExprTyper::VisitScalarCall(ast::Expr& e, const Builtin& b) {
  std::vector<Typed> args;
  for (auto& a : e.args) args.push_back(Scalar(Visit(*a), *a));
  Typed out;
  bool ok = true;
  bool any_nullable = false;
  bool all_nullable = true;
  for (size_t i = 0; i < args.size(); ++i) {
    const Typed& t = args[i];
    any_nullable |= t.nullable;
    all_nullable &= t.nullable;
    if (!t.type.known()) {
      ok = false;
      continue;
    }
    ArgRule rule = RuleAt(b, i);
    bool accepted = Accepts(rule, t.type, args[0].type, args.size() > 1 ? args[1].type : Type());
    if (b.id == BuiltinId::kToInt || b.id == BuiltinId::kToFloat) {
      TypeKind k = t.type.kind;
      accepted = k == TypeKind::kString || k == TypeKind::kInt || k == TypeKind::kFloat ||
                 k == TypeKind::kNull || (b.id == BuiltinId::kToInt && k == TypeKind::kBool);
    }
    if (!accepted) {
      const char* expected =
          b.id == BuiltinId::kToInt     ? "a string, int, float or bool"
          : b.id == BuiltinId::kToFloat ? "a string, int or float"
                                        : Expected(rule);
      ctx_.diags.Report(DiagKind::kTypeMismatch, e.args[i]->range,
                        StrCat("argument ", i + 1, " of '", b.name, "' must be ",
                                     expected, ", but '", Text(*e.args[i]), "' is ",
                                     TypeStr(t.type)));
      ok = false;
      continue;
    }
    Typed merged = out;
    if (!MergeGroup(out, t, e, &merged)) {
      ok = false;
      continue;
    }
    out.type.group = merged.type.group;
    out.group_of = merged.group_of;
  }
  if (!ok) return Typed::Unknown();

  bool nullable = b.id == BuiltinId::kCoalesce ? all_nullable : any_nullable;
  // if: a null condition takes the else branch, so only the branches count.
  if (b.id == BuiltinId::kIf) nullable = args[1].nullable || args[2].nullable;
  switch (b.id) {
    case BuiltinId::kTimestamp: {
      std::optional<ConstValue> s = Fold(ctx_, *e.args[0], /*report=*/false);
      if (!s.has_value()) {
        nullable = true;  // parsed at run time: null when it does not parse
        break;
      }
      if (s->kind != TypeKind::kString) break;
      absl::Time time;
      std::string err;
      if (!absl::ParseTime(absl::RFC3339_full, s->s, &time, &err)) {
        ctx_.diags.Report(DiagKind::kInvalidTimestamp, e.args[0]->range,
                          StrCat("invalid timestamp \"", s->s,
                                       "\"; expected RFC 3339, e.g. \"2024-01-31T12:00:00Z\" "
                                       "or \"2024-01-31T12:00:00.5+01:00\""));
        return Typed::Unknown();
      }
      break;
    }
    case BuiltinId::kMatches: {
      ast::Expr& re = *e.args[1];
      std::optional<ConstValue> s = Fold(ctx_, re, /*report=*/false);
      if (!s.has_value() || s->kind != TypeKind::kString) {
        ctx_.diags.Report(DiagKind::kNotConstant, re.range,
                          "the regex of 'matches' must be a constant string (a literal or a "
                          "const), so it can be compiled once");
        return Typed::Unknown();
      }
      // Only a literal's bytes can be searched for RE2's error_arg.
      SourceRange inside = re.kind == ast::ExprKind::kStringLit ? re.range : SourceRange{};
      if (!CheckRegex(ctx_, s->s, "", inside, SourceRange{}, re.range)) return Typed::Unknown();
      break;
    }
    case BuiltinId::kToInt:
    case BuiltinId::kToFloat:
      if (args[0].type.kind == TypeKind::kString) nullable = true;
      break;
    default:
      break;
  }

  Type result;
  switch (b.result) {
    case ResultRule::kBool: result = Type::Of(TypeKind::kBool); break;
    case ResultRule::kInt: result = Type::Of(TypeKind::kInt); break;
    case ResultRule::kFloat: result = Type::Of(TypeKind::kFloat); break;
    case ResultRule::kString: result = Type::Of(TypeKind::kString); break;
    case ResultRule::kTimestamp: result = Type::Of(TypeKind::kTimestamp); break;
    case ResultRule::kArg0:
    case ResultRule::kElement: result = args[0].type; break;
    case ResultRule::kAvg:
      result = Type::Of(args[0].type.kind == TypeKind::kDuration ? TypeKind::kDuration
                                                                 : TypeKind::kFloat);
      break;
    case ResultRule::kCommon:
      result = args[0].type;
      for (size_t i = 1; i < args.size(); ++i) result = CommonType(result, args[i].type);
      break;
    case ResultRule::kBranches: result = CommonType(args[1].type, args[2].type); break;
  }
  result.group = out.type.group;
  out.type = result;
  out.nullable = nullable || result.kind == TypeKind::kNull;
  return out;
}

Typed ExprTyper::VisitAggregate(ast::Expr& e, const Builtin& b) {
  auto misplaced = [&](std::string msg, bool visit_args = true) {
    if (visit_args) {
      ++agg_depth_;
      for (auto& a : e.args) Visit(*a);
      --agg_depth_;
    }
    ctx_.diags.Report(DiagKind::kMisplacedAggregate, e.range, std::move(msg));
    return Typed::Unknown();
  };
  if (agg_depth_ > 0 && agg_ != nullptr) {
    return misplaced(StrCat("aggregate '", b.name, "' cannot be nested inside '",
                                  agg_->name, "'"));
  }
  switch (scope_.kind) {
    case ExprScope::Kind::kConst:
      return misplaced(StrCat("aggregate '", b.name,
                                    "' cannot be used here: only literals and constants can"));
    case ExprScope::Kind::kFromFilter:
      return misplaced(StrCat("aggregate '", b.name,
                                    "' cannot be used in the filter of 'from', which tests one "
                                    "event at a time; use 'having' in a windowed rule"));
    case ExprScope::Kind::kRowOutput:
      return misplaced(StrCat("aggregate '", b.name,
                                    "' needs a window to aggregate over; add one, e.g. "
                                    "'window tumbling 1m'"));
    default:
      break;
  }
  if (e.args.empty()) {  // count()
    if (InPattern()) {
      return misplaced(
          "count() without an argument counts the events of a window; in a pattern rule "
          "name the repeated variable to count, e.g. count(fail)");
    }
    return Typed::Of(TypeKind::kInt);
  }
  ast::Expr& arg = *e.args[0];
  ++agg_depth_;
  agg_ = &b;
  Typed a = Visit(arg);
  --agg_depth_;
  agg_ = nullptr;
  bool ok = a.type.known();
  if (b.id == BuiltinId::kPercentile) {
    ast::Expr& p = *e.args[1];
    Typed pt = Value(p);
    if (pt.type.known()) {
      std::optional<ConstValue> v = Fold(ctx_, p, /*report=*/false);
      double pv = !v.has_value()                 ? -1
                  : v->kind == TypeKind::kInt   ? static_cast<double>(v->i)
                  : v->kind == TypeKind::kFloat ? v->f
                                                : -1;
      if (!v.has_value()) {
        ctx_.diags.Report(DiagKind::kNotConstant, p.range,
                          "the percentile must be a constant number from 0 to 100");
        ok = false;
      } else if (!(v->kind == TypeKind::kInt || v->kind == TypeKind::kFloat) || pv < 0 ||
                 pv > 100) {
        ctx_.diags.Report(DiagKind::kTypeMismatch, p.range,
                          StrCat("the percentile must be a number from 0 to 100, not ",
                                       v->ToString()));
        ok = false;
      }
    } else {
      ok = false;
    }
  }
  if (!ok) return Typed::Unknown();
  if (InPattern() && !a.type.group) {
    std::string msg = StrCat("'", b.name,
                                   "' aggregates the events of a repeated variable, but '",
                                   Text(arg), "' is a single value");
    if (scope_.kind == ExprScope::Kind::kAtomFilter && scope_.own_var >= 0 &&
        scope_.rule->variables[scope_.own_var].repeated && arg.kind == ast::ExprKind::kName &&
        arg.ref == ast::NameRef::kField) {
      msg += StrCat("; to aggregate the events taken so far by '",
                      VarName(scope_.own_var), "', write ", b.name, "(",
                      VarName(scope_.own_var), ".", arg.name.text, ")");
    }
    return misplaced(std::move(msg), /*visit_args=*/false);
  }
  Type el = a.type;
  el.group = false;
  if (!Accepts(b.args[0], el, el, el)) {
    ctx_.diags.Report(DiagKind::kTypeMismatch, arg.range,
                      StrCat("'", b.name, "' needs ", Expected(b.args[0]), ", but '",
                                   Text(arg), "' ", a.type.group ? "holds " : "is ",
                                   TypeStr(a.type.group ? el : a.type),
                                   a.type.group && el.kind != TypeKind::kEvent ? " values" : ""));
    return Typed::Unknown();
  }
  Type result;
  switch (b.result) {
    case ResultRule::kInt: result = Type::Of(TypeKind::kInt); break;
    case ResultRule::kFloat: result = Type::Of(TypeKind::kFloat); break;
    case ResultRule::kAvg:
      result = Type::Of(el.kind == TypeKind::kDuration ? TypeKind::kDuration : TypeKind::kFloat);
      break;
    default: result = el; break;  // kArg0, kElement
  }
  bool may_be_empty = false;
  if (a.group_of >= 0 && scope_.vars != nullptr &&
      static_cast<size_t>(a.group_of) < scope_.vars->size()) {
    may_be_empty = (*scope_.vars)[a.group_of].may_be_empty;
  }
  Typed out;
  out.type = result;
  out.nullable = b.null_when_empty && (may_be_empty || a.nullable);
  return out;
}

}  // namespace cep::check
