// The expression compiler (see compile_expr.h): one recursive walk over a
// checked expression emitting stack-machine code (program.h). Types come
// from Expr::type (the checker proved them), so every instruction is typed:
// ints meeting floats are widened with kIntToFloat, comparisons pick the
// int / float / string / bool form, and durations and timestamps get their
// own arithmetic. Constant sub-expressions are folded (const_fold.h).
// `and` / `or` chains are flattened: `a and b and c` is
//   a; jump_if_false L; b; jump_if_false L; c; L: to_bool
// so an `and` chain split by CompileFilter compiles each part exactly as the
// same conjuncts written alone would (equal CanonicalKeys).
// Recursive over the tree: the parser bounds nesting depth.
// Tested by tests/unit/expr_compile_test.cc and expr_eval_test.cc.
#include "compiler/expr/compile_expr.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "compiler/check/builtins.h"
#include "compiler/expr/const_fold.h"
#include "re2/re2.h"

namespace cep::expr {
namespace {

using check::BuiltinId;
using T = TypeKind;

constexpr int32_t kWindowVar = -2;
constexpr size_t kMaxCallArgs = 255;  // Instr::x

bool Numeric(T k) { return k == T::kInt || k == T::kFloat; }

// Compiled regexes are shared by every program of the process that uses the
// same pattern with the same flags.
std::shared_ptr<const re2::RE2> SharedRegex(const std::string& pattern, bool icase,
                                            bool dot_nl) {
  static std::mutex mu;
  static std::map<std::string, std::weak_ptr<const re2::RE2>>* cache =
      new std::map<std::string, std::weak_ptr<const re2::RE2>>();
  std::string key;
  key += icase ? 'i' : '-';
  key += dot_nl ? 's' : '-';
  key += pattern;
  std::lock_guard<std::mutex> lock(mu);
  std::weak_ptr<const re2::RE2>& slot = (*cache)[key];
  if (std::shared_ptr<const re2::RE2> re = slot.lock()) return re;
  re2::RE2::Options options;
  options.set_log_errors(false);
  options.set_case_sensitive(!icase);
  options.set_dot_nl(dot_nl);
  auto re = std::make_shared<const re2::RE2>(pattern, options);
  slot = re;
  return re;
}

void Flatten(const ast::Expr& e, ast::Op op, std::vector<const ast::Expr*>* out) {
  if (e.kind == ast::ExprKind::kBinary && e.op == op && e.args.size() == 2 &&
      e.args[0] != nullptr && e.args[1] != nullptr) {
    Flatten(*e.args[0], op, out);
    Flatten(*e.args[1], op, out);
    return;
  }
  out->push_back(&e);
}

int StackEffect(const Instr& in) {
  switch (in.op) {
    case Op::kConst: case Op::kField: case Op::kVarEvent: case Op::kPrevEvent:
    case Op::kKey: case Op::kAggregate:
      return 1;
    case Op::kEventField: case Op::kEventFieldByType: case Op::kIntToFloat:
    case Op::kNegInt: case Op::kNegFloat: case Op::kNegDuration: case Op::kNot:
    case Op::kToBool: case Op::kIsNull: case Op::kRegex:
      return 0;
    case Op::kIn: return -static_cast<int>(in.a);
    case Op::kCall: return 1 - static_cast<int>(in.x);
    default:  // binary operators, comparisons, conditional jumps (fall-through)
      return -1;
  }
}

bool SameConst(const Const& a, const Const& b) {
  return a.kind == b.kind && a.i == b.i && std::memcmp(&a.f, &b.f, sizeof(double)) == 0 &&
         a.text == b.text;
}

bool SameAggregate(const Aggregate& a, const Aggregate& b) {
  if (a.builtin != b.builtin || a.var != b.var || a.arg_kind != b.arg_kind ||
      a.result_kind != b.result_kind || a.slot != b.slot ||
      std::memcmp(&a.percentile, &b.percentile, sizeof(double)) != 0 ||
      a.arg.size() != b.arg.size()) {
    return false;
  }
  for (size_t i = 0; i < a.arg.size(); ++i) {
    if (a.arg[i].op != b.arg[i].op || a.arg[i].x != b.arg[i].x || a.arg[i].a != b.arg[i].a) {
      return false;
    }
  }
  return true;
}

class Compiler {
 public:
  Compiler(const check::CheckedProgram& checked, const CompileOptions& options, Program* out)
      : checked_(checked), options_(options), p_(*out), code_(&out->code) {}

  // `items` joined by `and` (a single item is compiled alone).
  void Conjuncts(const std::vector<const ast::Expr*>& items) { Chain(items, Op::kJumpIfFalse); }

  void Finish(TypeKind result) {
    p_.result = result;
    uint32_t max = MaxStackDepth(p_.code);
    for (const Aggregate& a : p_.aggs) max = std::max(max, MaxStackDepth(a.arg));
    p_.max_stack = max;
  }

 private:
  void Emit(Op op, uint32_t a = 0, uint8_t x = 0) {
    Instr in;
    in.op = op;
    in.x = x;
    in.a = a;
    code_->push_back(in);
    switch (op) {
      case Op::kField:
        if (agg_var_ != kWindowVar) p_.reads_current = true;
        break;
      case Op::kVarEvent:
      case Op::kPrevEvent: p_.reads_vars = true; break;
      case Op::kKey: p_.reads_keys = true; break;
      default: break;
    }
  }

  void EmitConst(const check::ConstValue& v, T want = T::kUnknown) {
    Const c;
    c.kind = v.kind;
    switch (v.kind) {
      case T::kInt:
        if (want == T::kFloat) {
          c.kind = T::kFloat;
          c.f = static_cast<double>(v.i);
        } else {
          c.i = v.i;
        }
        break;
      case T::kFloat: c.f = v.f; break;
      case T::kBool: c.i = v.b ? 1 : 0; break;
      case T::kString: c.text = v.s; break;
      case T::kTimestamp:
      case T::kDuration: c.i = v.i; break;
      default: c.kind = T::kNull; break;
    }
    uint32_t index = 0;
    while (index < p_.consts.size() && !SameConst(p_.consts[index], c)) ++index;
    if (index == p_.consts.size()) p_.consts.push_back(std::move(c));
    Emit(Op::kConst, index);
  }

  void EmitBool(bool b) { EmitConst(check::ConstValue::Bool(b)); }

  // Pushes the value of `e`, an int widened to float when `want` is float.
  void ValueAs(const ast::Expr& e, T want) {
    if (want == T::kFloat && e.type.kind == T::kInt) {
      if (std::optional<check::ConstValue> v = internal::FoldConst(e, checked_)) {
        EmitConst(*v, T::kFloat);
        return;
      }
      Value(e);
      Emit(Op::kIntToFloat);
      return;
    }
    Value(e);
  }

  // Pushes the value of `e`.
  void Value(const ast::Expr& e) {
    if (e.kind != ast::ExprKind::kName || e.ref == ast::NameRef::kConst) {
      if (std::optional<check::ConstValue> v = internal::FoldConst(e, checked_)) {
        EmitConst(*v, e.type.kind);
        return;
      }
    }
    switch (e.kind) {
      case ast::ExprKind::kName: Name(e); return;
      case ast::ExprKind::kField: Field(e); return;
      case ast::ExprKind::kCall: Call(e); return;
      case ast::ExprKind::kUnary: Unary(e); return;
      case ast::ExprKind::kBinary: Binary(e); return;
      case ast::ExprKind::kIn: In(e); return;
      case ast::ExprKind::kIsNull: IsNull(e); return;
      case ast::ExprKind::kRegexMatch: Regex(e); return;
      default:  // literals fold; kError never reaches a checked program
        EmitConst(check::ConstValue::Null());
        return;
    }
  }

  // A pattern variable read where it denotes the current event: a
  // non-repeated own variable, or the window's alias inside a window aggregate.
  bool IsCurrentEvent(const ast::Expr& base) const {
    if (base.kind != ast::ExprKind::kName || base.ref != ast::NameRef::kVariable) return false;
    if (!base.type.group) return base.decl_index >= 0 && base.decl_index == options_.own_var;
    return in_agg_ && agg_var_ == kWindowVar;
  }

  void Name(const ast::Expr& e) {
    switch (e.ref) {
      case ast::NameRef::kConst:
        if (e.decl_index >= 0 && static_cast<size_t>(e.decl_index) < checked_.consts.size() &&
            checked_.consts[e.decl_index].value.has_value()) {
          EmitConst(*checked_.consts[e.decl_index].value, e.type.kind);
        } else {
          EmitConst(check::ConstValue::Null());
        }
        return;
      case ast::NameRef::kField: Emit(Op::kField, static_cast<uint32_t>(e.slot)); return;
      case ast::NameRef::kVariable:
        // The current event as a whole is only ever tested with `is null`
        // (IsNull folds that); anything else reads the variable's binding.
        Emit(Op::kVarEvent, static_cast<uint32_t>(e.decl_index));
        return;
      case ast::NameRef::kPrev: Emit(Op::kPrevEvent); return;
      case ast::NameRef::kGroupKey: Emit(Op::kKey, static_cast<uint32_t>(e.decl_index)); return;
      default: EmitConst(check::ConstValue::Null()); return;
    }
  }

  void Field(const ast::Expr& e) {
    const ast::Expr& base = *e.args[0];
    if (IsCurrentEvent(base)) {
      Emit(Op::kField, static_cast<uint32_t>(e.slot));
      return;
    }
    if (base.kind == ast::ExprKind::kName && base.ref == ast::NameRef::kPrev) {
      Emit(Op::kPrevEvent);
      if (e.slot >= 0) {
        Emit(Op::kEventField, static_cast<uint32_t>(e.slot));
      } else {
        Emit(Op::kEventFieldByType, FieldTable(e.name.text));
      }
      return;
    }
    Value(base);
    Emit(Op::kEventField, static_cast<uint32_t>(e.slot));
  }

  uint32_t FieldTable(const std::string& name) {
    auto it = field_tables_.find(name);
    if (it != field_tables_.end()) return it->second;
    std::vector<int32_t> table;
    for (const check::EventTypeInfo& t : checked_.schema.types()) {
      const check::FieldInfo* f = t.FindField(name);
      table.push_back(f != nullptr ? f->slot : -1);
    }
    uint32_t index = static_cast<uint32_t>(p_.field_by_type.size());
    p_.field_by_type.push_back(std::move(table));
    field_tables_.emplace(name, index);
    return index;
  }

  void Unary(const ast::Expr& e) {
    const ast::Expr& arg = *e.args[0];
    Value(arg);
    if (e.op == ast::Op::kNot) {
      Emit(Op::kNot);
      return;
    }
    switch (e.type.kind) {
      case T::kFloat: Emit(Op::kNegFloat); return;
      case T::kDuration: Emit(Op::kNegDuration); return;
      default: Emit(Op::kNegInt); return;  // int (a null stays null)
    }
  }

  // a; jump L; b; jump L; ...; z; L: to_bool
  void Chain(const std::vector<const ast::Expr*>& items, Op jump) {
    if (items.empty()) {
      EmitBool(true);
      return;
    }
    if (items.size() == 1) {
      Value(*items[0]);
      return;
    }
    std::vector<size_t> jumps;
    for (size_t i = 0; i < items.size(); ++i) {
      Value(*items[i]);
      if (i + 1 < items.size()) {
        jumps.push_back(code_->size());
        Emit(jump);
      }
    }
    for (size_t j : jumps) (*code_)[j].a = static_cast<uint32_t>(code_->size());
    Emit(Op::kToBool);
  }

  static bool IsComparison(ast::Op op) {
    return op == ast::Op::kLt || op == ast::Op::kLe || op == ast::Op::kGt ||
           op == ast::Op::kGe || op == ast::Op::kEq || op == ast::Op::kNe;
  }

  static CmpOp ToCmp(ast::Op op) {
    switch (op) {
      case ast::Op::kEq: return CmpOp::kEq;
      case ast::Op::kNe: return CmpOp::kNe;
      case ast::Op::kLt: return CmpOp::kLt;
      case ast::Op::kLe: return CmpOp::kLe;
      case ast::Op::kGt: return CmpOp::kGt;
      default: return CmpOp::kGe;
    }
  }

  void Binary(const ast::Expr& e) {
    if (e.op == ast::Op::kAnd || e.op == ast::Op::kOr) {
      std::vector<const ast::Expr*> items;
      Flatten(e, e.op, &items);
      Chain(items, e.op == ast::Op::kAnd ? Op::kJumpIfFalse : Op::kJumpIfTrue);
      return;
    }
    const ast::Expr& l = *e.args[0];
    const ast::Expr& r = *e.args[1];
    T a = l.type.kind;
    T b = r.type.kind;
    if (a == T::kNull) a = b;  // a null operand takes the other one's type
    if (b == T::kNull) b = a;
    if (IsComparison(e.op)) {
      const uint8_t cmp = static_cast<uint8_t>(ToCmp(e.op));
      if (Numeric(a) && Numeric(b) && a != b) {
        ValueAs(l, T::kFloat);
        ValueAs(r, T::kFloat);
        Emit(Op::kCmpFloat, 0, cmp);
        return;
      }
      Value(l);
      Value(r);
      switch (a) {
        case T::kFloat: Emit(Op::kCmpFloat, 0, cmp); return;
        case T::kString: Emit(Op::kCmpString, 0, cmp); return;
        case T::kBool: Emit(Op::kCmpBool, 0, cmp); return;
        default: Emit(Op::kCmpInt, 0, cmp); return;  // int, timestamp, duration
      }
    }
    // Arithmetic.
    if (Numeric(a) && Numeric(b)) {
      const bool fl = a == T::kFloat || b == T::kFloat;
      ValueAs(l, fl ? T::kFloat : T::kInt);
      ValueAs(r, fl ? T::kFloat : T::kInt);
      switch (e.op) {
        case ast::Op::kAdd: Emit(fl ? Op::kAddFloat : Op::kAddInt); return;
        case ast::Op::kSub: Emit(fl ? Op::kSubFloat : Op::kSubInt); return;
        case ast::Op::kMul: Emit(fl ? Op::kMulFloat : Op::kMulInt); return;
        case ast::Op::kDiv: Emit(fl ? Op::kDivFloat : Op::kDivInt); return;
        default: Emit(fl ? Op::kModFloat : Op::kModInt); return;
      }
    }
    Value(l);
    Value(r);
    Op op = Op::kAddInt;
    switch (e.op) {
      case ast::Op::kAdd:
        op = a == T::kString                          ? Op::kConcat
             : a == T::kTimestamp                     ? Op::kAddTimeDuration
             : b == T::kTimestamp                     ? Op::kAddDurationTime
                                                      : Op::kAddDuration;
        break;
      case ast::Op::kSub:
        op = a == T::kTimestamp ? (b == T::kTimestamp ? Op::kSubTimeTime : Op::kSubTimeDuration)
                                : Op::kSubDuration;
        break;
      case ast::Op::kMul:
        op = a == T::kDuration ? Op::kMulDurationNum : Op::kMulNumDuration;
        break;
      case ast::Op::kDiv:
        op = b == T::kDuration ? Op::kDivDurationDuration : Op::kDivDurationNum;
        break;
      case ast::Op::kMod: op = Op::kModDuration; break;
      default: break;
    }
    Emit(op);
  }

  void In(const ast::Expr& e) {
    Value(*e.args[0]);
    for (size_t i = 1; i < e.args.size(); ++i) Value(*e.args[i]);
    Emit(Op::kIn, static_cast<uint32_t>(e.args.size() - 1), e.negated ? 1 : 0);
  }

  void IsNull(const ast::Expr& e) {
    const ast::Expr& arg = *e.args[0];
    if (IsCurrentEvent(arg)) {  // the current event exists
      EmitBool(e.negated);
      return;
    }
    Value(arg);
    Emit(Op::kIsNull, 0, e.negated ? 1 : 0);
  }

  uint32_t RegexIndex(const std::string& pattern, std::string_view flags) {
    const bool icase = flags.find('i') != std::string_view::npos;
    const bool dot_nl = flags.find('s') != std::string_view::npos;
    std::shared_ptr<const re2::RE2> re = SharedRegex(pattern, icase, dot_nl);
    for (uint32_t i = 0; i < p_.regexes.size(); ++i) {
      if (p_.regexes[i] == re) return i;
    }
    p_.regexes.push_back(std::move(re));
    return static_cast<uint32_t>(p_.regexes.size() - 1);
  }

  void Regex(const ast::Expr& e) {
    Value(*e.args[0]);
    Emit(Op::kRegex, RegexIndex(e.text, e.regex_flags), e.negated ? 1 : 0);
  }

  void Call(const ast::Expr& e) {
    if (e.decl_index < 0 || static_cast<size_t>(e.decl_index) >= check::Builtins().size()) {
      EmitConst(check::ConstValue::Null());
      return;
    }
    const check::Builtin& b = check::Builtins()[e.decl_index];
    if (b.cls == check::BuiltinClass::kAggregate) {
      AggregateCall(e, b);
      return;
    }
    const T result = e.type.kind;
    switch (b.id) {
      case BuiltinId::kMatches: {
        std::optional<check::ConstValue> re = internal::FoldConst(*e.args[1], checked_);
        Value(*e.args[0]);
        Emit(Op::kRegex, RegexIndex(re.has_value() ? re->s : std::string(), ""), 2);
        return;
      }
      case BuiltinId::kMinOf:
      case BuiltinId::kMaxOf:
      case BuiltinId::kCoalesce:
        CallArgs(e, b.id, result);
        return;
      case BuiltinId::kSqrt:
      case BuiltinId::kGeoDistanceKm:
        CallArgs(e, b.id, T::kFloat);
        return;
      case BuiltinId::kIf:
        // Both branches are computed (expressions have no effects, and an
        // error is a null), each widened to the result's type.
        Value(*e.args[0]);
        ValueAs(*e.args[1], result);
        ValueAs(*e.args[2], result);
        Emit(Op::kCall, static_cast<uint32_t>(b.id), 3);
        return;
      default:
        CallArgs(e, b.id, T::kUnknown);
        return;
    }
  }

  // Pushes the arguments (ints widened when `want` is float) and calls. More
  // than 255 arguments (concat, coalesce) nest: f(f(a1..a255), a256, ...).
  void CallArgs(const ast::Expr& e, BuiltinId id, T want) {
    size_t n = e.args.size();
    size_t i = 0;
    size_t on_stack = 0;
    while (true) {
      while (i < n && on_stack < kMaxCallArgs) {
        ValueAs(*e.args[i++], want);
        ++on_stack;
      }
      Emit(Op::kCall, static_cast<uint32_t>(id), static_cast<uint8_t>(on_stack));
      if (i >= n) return;
      on_stack = 1;  // the partial result
    }
  }

  // The variable an aggregate's argument ranges over: the repeated
  // variable it names, or the window's events (-2).
  int32_t GroupVar(const ast::Expr& e) const {
    if (e.kind == ast::ExprKind::kName && e.type.group) {
      if (e.ref == ast::NameRef::kVariable) return e.decl_index;
      if (e.ref == ast::NameRef::kField) return kWindowVar;
    }
    for (const auto& a : e.args) {
      if (a == nullptr) continue;
      int32_t v = GroupVar(*a);
      if (v != -1) return v;
    }
    return -1;
  }

  void AggregateCall(const ast::Expr& e, const check::Builtin& b) {
    Aggregate agg;
    agg.builtin = static_cast<uint8_t>(b.id);
    agg.result_kind = e.type.kind;
    if (e.args.empty()) {  // count(): the window's events
      agg.var = kWindowVar;
      agg.arg_kind = T::kEvent;
    } else {
      const ast::Expr& arg = *e.args[0];
      agg.var = options_.window ? kWindowVar : GroupVar(arg);
      if (agg.var == -1 && options_.window) agg.var = kWindowVar;
      agg.arg_kind = arg.type.kind;
      if (arg.type.kind != T::kEvent) {
        std::vector<Instr>* saved = code_;
        code_ = &agg.arg;
        in_agg_ = true;
        agg_var_ = agg.var;
        Value(arg);
        in_agg_ = false;
        agg_var_ = -1;
        code_ = saved;
      }
      if (b.id == BuiltinId::kPercentile && e.args.size() > 1) {
        std::optional<check::ConstValue> p = internal::FoldConst(*e.args[1], checked_);
        if (p.has_value()) {
          agg.percentile = p->kind == T::kInt ? static_cast<double>(p->i) : p->f;
        }
      }
    }
    if (agg.var >= 0) p_.reads_vars = true;
    if (agg.var == kWindowVar) p_.reads_window = true;
    uint32_t index = 0;
    while (index < p_.aggs.size() && !SameAggregate(p_.aggs[index], agg)) ++index;
    if (index == p_.aggs.size()) p_.aggs.push_back(std::move(agg));
    Emit(Op::kAggregate, index);
  }

  const check::CheckedProgram& checked_;
  const CompileOptions& options_;
  Program& p_;
  std::vector<Instr>* code_;
  bool in_agg_ = false;
  int32_t agg_var_ = -1;  // while compiling an aggregate's argument: its variable
  std::map<std::string, uint32_t> field_tables_;
};

Program CompileList(const std::vector<const ast::Expr*>& items,
                    const check::CheckedProgram& checked, const CompileOptions& options,
                    TypeKind result) {
  Program p;
  Compiler c(checked, options, &p);
  c.Conjuncts(items);
  c.Finish(result);
  return p;
}

// ---- CanonicalKey ----

void Put(std::string& out, const void* data, size_t n) {
  out.append(static_cast<const char*>(data), n);
}
template <typename I>
void PutInt(std::string& out, I v) {
  Put(out, &v, sizeof v);
}
void PutBytes(std::string& out, std::string_view s) {
  PutInt<uint64_t>(out, s.size());
  out.append(s.data(), s.size());
}
void PutConst(std::string& out, const Const& c) {
  PutInt(out, static_cast<uint8_t>(c.kind));
  PutInt(out, c.i);
  PutInt(out, c.f);
  PutBytes(out, c.text);
}
void PutRegex(std::string& out, const re2::RE2& re) {
  PutBytes(out, re.pattern());
  PutInt<uint8_t>(out, re.options().case_sensitive() ? 1 : 0);
  PutInt<uint8_t>(out, re.options().dot_nl() ? 1 : 0);
}
void PutTable(std::string& out, const std::vector<int32_t>& table) {
  PutInt<uint64_t>(out, table.size());
  for (int32_t slot : table) PutInt(out, slot);
}
void PutCode(std::string& out, const std::vector<Instr>& code) {
  PutInt<uint64_t>(out, code.size());
  for (const Instr& in : code) {
    PutInt(out, static_cast<uint8_t>(in.op));
    PutInt(out, in.x);
    PutInt(out, in.a);
  }
}

}  // namespace

uint32_t MaxStackDepth(const std::vector<Instr>& code) {
  int depth = 0, max = 0;
  for (const Instr& in : code) {
    depth += StackEffect(in);
    if (depth > max) max = depth;
  }
  return static_cast<uint32_t>(max);
}

Program CompileExpr(const ast::Expr& e, const check::CheckedProgram& checked,
                    const CompileOptions& options) {
  return CompileList({&e}, checked, options, e.type.kind);
}

SplitFilter CompileFilter(const ast::Expr& filter, const check::CheckedProgram& checked,
                          const CompileOptions& options) {
  std::vector<const ast::Expr*> conjuncts;
  Flatten(filter, ast::Op::kAnd, &conjuncts);
  std::vector<const ast::Expr*> single, rest;
  for (const ast::Expr* c : conjuncts) {
    Program p = CompileExpr(*c, checked, options);
    (p.reads_vars || p.reads_keys || p.reads_window ? rest : single).push_back(c);
  }
  SplitFilter out;
  if (!single.empty()) out.single = CompileList(single, checked, options, TypeKind::kBool);
  if (!rest.empty()) out.rest = CompileList(rest, checked, options, TypeKind::kBool);
  return out;
}

std::string CanonicalKey(const Program& p) {
  std::string out;
  PutInt(out, static_cast<uint8_t>(p.result));
  PutCode(out, p.code);
  PutInt<uint64_t>(out, p.consts.size());
  for (const Const& c : p.consts) PutConst(out, c);
  PutInt<uint64_t>(out, p.regexes.size());
  for (const auto& re : p.regexes) PutRegex(out, *re);
  PutInt<uint64_t>(out, p.aggs.size());
  for (const Aggregate& a : p.aggs) {
    PutInt(out, a.builtin);
    PutInt(out, a.var);
    PutInt(out, a.percentile);
    PutInt(out, static_cast<uint8_t>(a.arg_kind));
    PutInt(out, static_cast<uint8_t>(a.result_kind));
    PutInt(out, a.slot);
    PutCode(out, a.arg);
  }
  PutInt<uint64_t>(out, p.field_by_type.size());
  for (const auto& table : p.field_by_type) PutTable(out, table);
  return out;
}

std::string CanonicalAggregateKey(const Program& p, uint32_t agg_index) {
  std::string out;
  const Aggregate& a = p.aggs[agg_index];
  PutInt(out, a.builtin);
  PutInt(out, a.var);
  PutInt(out, a.percentile);
  PutInt(out, static_cast<uint8_t>(a.arg_kind));
  PutInt(out, static_cast<uint8_t>(a.result_kind));
  PutInt<uint64_t>(out, a.arg.size());
  for (const Instr& in : a.arg) {
    PutInt(out, static_cast<uint8_t>(in.op));
    PutInt(out, in.x);
    if (in.op == Op::kConst && in.a < p.consts.size()) {
      PutConst(out, p.consts[in.a]);
    } else if (in.op == Op::kRegex && in.a < p.regexes.size()) {
      PutRegex(out, *p.regexes[in.a]);
    } else if (in.op == Op::kEventFieldByType && in.a < p.field_by_type.size()) {
      PutTable(out, p.field_by_type[in.a]);
    } else {
      PutInt(out, in.a);
    }
  }
  return out;
}

}  // namespace cep::expr
