// The expression evaluator (see expr_eval.h): one switch per instruction on
// a stack of max_stack Values that lives in the C++ frame (a heap buffer
// only past kInlineStack, for very large programs).
//
// Run-time semantics. Null rules are the checker's (checker.h): arithmetic
// and scalar functions with a null operand give null (coalesce excepted);
// comparisons, in / not in, =~ / !~ with a null operand are false; and / or /
// not count null as false. Beyond those, decided here:
//   - int overflow wraps (two's complement, computed on uint64): +, -, *,
//     unary -, abs(INT64_MIN) == INT64_MIN, INT64_MIN / -1 == INT64_MIN, and
//     the same for durations and timestamp arithmetic; sum() wraps too.
//   - int `/` truncates toward zero; int `/` or `%` by zero gives null, as
//     do duration / 0 and duration % 0s. Float division by zero is IEEE
//     (inf, -inf or NaN); float % is fmod.
//   - duration * float and duration / float round to the nearest ns (half
//     away from zero); a result outside the int64 ns range (or NaN) is null.
//   - duration / duration is a float (IEEE on a zero divisor).
//   - `x not in [a, b]` is true only when x is not null and differs from
//     every item; a null item makes it false (as `x != null` is false), so
//     `not in` is exactly the conjunction of `!=`; `in` is the disjunction
//     of `==` (a null item never matches). In follows ValueEquals: 1 == 1.0.
//   - =~, !~ and matches() search (RE2 partial match); anchor with ^ $.
//   - strings compare bytewise (UTF-8 byte order is code point order).
// Builtins (expr_builtins.cc):
//   - length, substr count code points (UTF-8); substr(s, start[, len]) is
//     0-based and clamped: start < 0 counts as 0, start past the end or
//     len <= 0 give "". lower / upper are ASCII-only; trim strips ASCII
//     whitespace (" \t\n\v\f\r"); contains / starts_with / ends_with are
//     bytewise ("" is contained in everything).
//   - concat and to_string format ints in decimal, floats in the shortest
//     form that reads back exactly with ".0" on integral values ("2.0",
//     "1e+20", like the JSON writer) and NaN / Infinity / -Infinity for the
//     non-finite ones, bools as true / false, timestamps as RFC 3339 UTC
//     (io::AppendRfc3339), durations as the language writes them ("90s",
//     "1500ms", check::FormatDuration).
//   - round / floor / ceil keep the argument's type (ints unchanged);
//     round is half away from zero. sqrt of a negative is NaN.
//   - min / max of two: the first argument wins ties; a NaN loses to a
//     number.
//   - to_int: strings hold a decimal int (optional sign, surrounding ASCII
//     whitespace), or a decimal float that is truncated toward zero; floats
//     truncate toward zero; NaN, infinities, out-of-range values and
//     anything else are null; bools are 0 / 1.
//   - to_float: strings hold a decimal float (as strtod, surrounding ASCII
//     whitespace allowed, also "inf" / "nan"), else null.
//   - timestamp(s) at run time parses RFC 3339 with io::ParseRfc3339; a
//     string that does not parse gives null. Constant arguments are folded
//     by the compiler.
//   - geo_distance_km: haversine on a sphere of radius 6371.0088 km (the
//     mean Earth radius), arguments in degrees.
// Aggregates: see agg_state.h.
//
// Tested by tests/unit/expr_eval_test.cc.
#include "runtime/expr_eval.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "compiler/check/builtins.h"
#include "re2/re2.h"
#include "runtime/agg_state.h"
#include "runtime/expr_ops.h"
#include "runtime/expr_scratch.h"

namespace cep::rt {

namespace internal {

ScratchHolder::ScratchHolder() = default;
ScratchHolder::~ScratchHolder() = default;
ScratchHolder::ScratchHolder(const ScratchHolder&) {}

EvalScratch& ScratchHolder::get() {
  if (s == nullptr) s = std::make_unique<EvalScratch>();
  return *s;
}

std::string_view StringArena::Store(std::string_view s) {
  if (s.empty()) return std::string_view("", 0);
  while (true) {
    if (chunk_ == chunks_.size()) {
      Chunk c;
      c.size = std::max(kChunk, s.size());
      c.bytes = std::make_unique<char[]>(c.size);
      chunks_.push_back(std::move(c));
    }
    Chunk& c = chunks_[chunk_];
    if (c.size - used_ >= s.size()) {
      char* out = c.bytes.get() + used_;
      std::memcpy(out, s.data(), s.size());
      used_ += s.size();
      return std::string_view(out, s.size());
    }
    if (used_ == 0) {  // a kept chunk too small for this string: grow it
      c.size = s.size();
      c.bytes = std::make_unique<char[]>(c.size);
      continue;
    }
    ++chunk_;
    used_ = 0;
  }
}

}  // namespace internal

namespace {

using expr::Op;
using ops::CompareValues;
using ops::IsTrue;
using ops::Num;
using internal::ScratchScope;

constexpr uint32_t kInlineStack = 32;

inline int64_t WrapAdd(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
}
inline int64_t WrapSub(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) - static_cast<uint64_t>(b));
}
inline int64_t WrapMul(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) * static_cast<uint64_t>(b));
}
// Truncating division; the caller handles b == 0.
inline int64_t WrapDiv(int64_t a, int64_t b) {
  if (b == -1) return WrapSub(0, a);  // INT64_MIN / -1 wraps to INT64_MIN
  return a / b;
}
inline int64_t WrapMod(int64_t a, int64_t b) { return b == -1 ? 0 : a % b; }

// A duration from a double number of ns: rounded, null when out of range.
inline Value DurationFromDouble(double ns) {
  if (!(std::fabs(ns) < 9.2233720368547758e18)) return Value::Null();
  return Value::Duration(std::llround(ns));
}

Value ConstToValue(const expr::Const& c) {
  switch (c.kind) {
    case TypeKind::kBool: return Value::Bool(c.i != 0);
    case TypeKind::kInt: return Value::Int(c.i);
    case TypeKind::kFloat: return Value::Float(c.f);
    case TypeKind::kString: return Value::String(c.text);
    case TypeKind::kTimestamp: return Value::Timestamp(c.i);
    case TypeKind::kDuration: return Value::Duration(c.i);
    default: return Value::Null();
  }
}

}  // namespace

LoadedProgram::LoadedProgram(const expr::Program* program, Mode mode) : program_(program) {
  if (program_ == nullptr) return;
  consts_.reserve(program_->consts.size());
  for (const expr::Const& c : program_->consts) consts_.push_back(ConstToValue(c));
  stack_size_ = std::max(program_->max_stack, expr::MaxStackDepth(program_->code));
  for (const expr::Aggregate& a : program_->aggs) {
    stack_size_ = std::max(stack_size_, expr::MaxStackDepth(a.arg));
  }
  if (mode == Mode::kCompiled && !program_->code.empty()) {
    CompileFastTest(program_->code, consts_, &fast_);
  }
}

Value LoadedProgram::Eval(const EvalEnv& env) const {
  if (empty()) return Value::Null();
  ScratchScope scope(scratch_.get());
  return Run(program_->code, env, -1, nullptr);
}

Value LoadedProgram::EvalAggregateArg(uint32_t agg_index, const Event* event,
                                      const EvalEnv& env) const {
  const expr::Aggregate& agg = program_->aggs[agg_index];
  if (agg.arg.empty()) return Value::EventRef(event);
  if (event == nullptr) return Value::Null();
  ScratchScope scope(scratch_.get());
  if (agg.var == -2) {  // a window's row: the current event while the argument runs
    EvalEnv row = env;
    row.current = event;
    return Run(agg.arg, row, -1, nullptr);
  }
  return Run(agg.arg, env, agg.var, event);
}

Value LoadedProgram::CopyToScratch(const Value& v) const {
  if (v.tag != Tag::kString) return v;
  return Value::String(scratch_.get().arena.Store(v.str()));
}

Value LoadedProgram::Call(uint32_t builtin, const Value* args, uint32_t argc) const {
  return internal::CallBuiltin(static_cast<check::BuiltinId>(builtin), args, argc,
                               scratch_.get());
}

Value LoadedProgram::Run(const std::vector<expr::Instr>& code, const EvalEnv& env,
                         int32_t agg_var, const Event* agg_event) const {
  // The stack: raw storage, each slot constructed when pushed.
  alignas(Value) unsigned char inline_bytes[kInlineStack * sizeof(Value)];
  std::unique_ptr<Value[]> heap;
  Value* stack = reinterpret_cast<Value*>(inline_bytes);
  if (stack_size_ > kInlineStack) {
    heap = std::make_unique<Value[]>(stack_size_);
    stack = heap.get();
  }
  uint32_t sp = 0;
  auto push = [&](const Value& v) { new (&stack[sp++]) Value(v); };
  const size_t n = code.size();

  for (size_t pc = 0; pc < n; ++pc) {
    const expr::Instr& in = code[pc];
    switch (in.op) {
      // ---- loads ----
      case Op::kConst:
        push(consts_[in.a]);
        break;
      case Op::kField: {
        const Event* e = env.current;
        push(e != nullptr && in.a < e->nfields ? e->field(static_cast<int>(in.a))
                                               : Value::Null());
        break;
      }
      case Op::kVarEvent: {
        const Event* e = nullptr;
        if (static_cast<int32_t>(in.a) == agg_var) {
          e = agg_event;
        } else if (env.vars != nullptr) {
          e = env.vars[in.a];
        }
        push(Value::EventRef(e));
        break;
      }
      case Op::kPrevEvent:
        push(Value::EventRef(env.prev));
        break;
      case Op::kKey:
        push(env.keys != nullptr ? env.keys[in.a] : Value::Null());
        break;
      case Op::kEventField: {
        Value& top = stack[sp - 1];
        if (top.tag == Tag::kEvent && in.a < top.ev->nfields) {
          top = top.ev->field(static_cast<int>(in.a));
        } else {
          top = Value::Null();
        }
        break;
      }
      case Op::kEventFieldByType: {
        Value& top = stack[sp - 1];
        Value out;
        if (top.tag == Tag::kEvent) {
          const std::vector<int32_t>& table = program_->field_by_type[in.a];
          const Event* e = top.ev;
          if (e->type < table.size()) {
            int32_t slot = table[e->type];
            if (slot >= 0 && slot < e->nfields) out = e->field(slot);
          }
        }
        top = out;
        break;
      }
      case Op::kAggregate: {
        Value v = env.aggs != nullptr ? env.aggs->Aggregate(*this, in.a, env) : Value::Null();
        push(v);
        break;
      }

      // ---- conversions, unary ----
      case Op::kIntToFloat: {
        Value& top = stack[sp - 1];
        if (top.tag == Tag::kInt) top = Value::Float(static_cast<double>(top.i));
        break;
      }
      case Op::kNegInt: {
        Value& top = stack[sp - 1];
        if (!top.is_null()) top = Value::Int(WrapSub(0, top.i));
        break;
      }
      case Op::kNegFloat: {
        Value& top = stack[sp - 1];
        if (!top.is_null()) top = Value::Float(-Num(top));
        break;
      }
      case Op::kNegDuration: {
        Value& top = stack[sp - 1];
        if (!top.is_null()) top = Value::Duration(WrapSub(0, top.i));
        break;
      }

      // ---- binary arithmetic: a (below) op b (top); null in, null out ----
      case Op::kAddInt: case Op::kAddFloat: case Op::kAddDuration: case Op::kAddTimeDuration:
      case Op::kAddDurationTime: case Op::kConcat: case Op::kSubInt: case Op::kSubFloat:
      case Op::kSubDuration: case Op::kSubTimeDuration: case Op::kSubTimeTime:
      case Op::kMulInt: case Op::kMulFloat: case Op::kMulDurationNum: case Op::kMulNumDuration:
      case Op::kDivInt: case Op::kDivFloat: case Op::kDivDurationNum:
      case Op::kDivDurationDuration: case Op::kModInt: case Op::kModFloat: case Op::kModDuration: {
        const Value b = stack[--sp];
        Value& a = stack[sp - 1];
        if (a.is_null() || b.is_null()) {
          a = Value::Null();
          break;
        }
        switch (in.op) {
          case Op::kAddInt: a = Value::Int(WrapAdd(a.i, b.i)); break;
          case Op::kAddFloat: a = Value::Float(Num(a) + Num(b)); break;
          case Op::kAddDuration: a = Value::Duration(WrapAdd(a.i, b.i)); break;
          case Op::kAddTimeDuration:
          case Op::kAddDurationTime: a = Value::Timestamp(WrapAdd(a.i, b.i)); break;
          case Op::kConcat: {
            internal::EvalScratch& s = scratch_.get();
            s.text.assign(a.s, a.len);
            s.text.append(b.s, b.len);
            a = Value::String(s.arena.Store(s.text));
            break;
          }
          case Op::kSubInt: a = Value::Int(WrapSub(a.i, b.i)); break;
          case Op::kSubFloat: a = Value::Float(Num(a) - Num(b)); break;
          case Op::kSubDuration: a = Value::Duration(WrapSub(a.i, b.i)); break;
          case Op::kSubTimeDuration: a = Value::Timestamp(WrapSub(a.i, b.i)); break;
          case Op::kSubTimeTime: a = Value::Duration(WrapSub(a.i, b.i)); break;
          case Op::kMulInt: a = Value::Int(WrapMul(a.i, b.i)); break;
          case Op::kMulFloat: a = Value::Float(Num(a) * Num(b)); break;
          case Op::kMulDurationNum:
            a = b.tag == Tag::kFloat ? DurationFromDouble(static_cast<double>(a.i) * b.f)
                                     : Value::Duration(WrapMul(a.i, b.i));
            break;
          case Op::kMulNumDuration:
            a = a.tag == Tag::kFloat ? DurationFromDouble(a.f * static_cast<double>(b.i))
                                     : Value::Duration(WrapMul(a.i, b.i));
            break;
          case Op::kDivInt:
            a = b.i == 0 ? Value::Null() : Value::Int(WrapDiv(a.i, b.i));
            break;
          case Op::kDivFloat: a = Value::Float(Num(a) / Num(b)); break;
          case Op::kDivDurationNum:
            if (b.tag == Tag::kFloat) {
              a = b.f == 0 ? Value::Null() : DurationFromDouble(static_cast<double>(a.i) / b.f);
            } else {
              a = b.i == 0 ? Value::Null() : Value::Duration(WrapDiv(a.i, b.i));
            }
            break;
          case Op::kDivDurationDuration:
            a = Value::Float(static_cast<double>(a.i) / static_cast<double>(b.i));
            break;
          case Op::kModInt:
            a = b.i == 0 ? Value::Null() : Value::Int(WrapMod(a.i, b.i));
            break;
          case Op::kModFloat: a = Value::Float(std::fmod(Num(a), Num(b))); break;
          case Op::kModDuration:
            a = b.i == 0 ? Value::Null() : Value::Duration(WrapMod(a.i, b.i));
            break;
          default: break;
        }
        break;
      }

      // ---- comparisons: a null operand gives false ----
      case Op::kCmpInt: case Op::kCmpFloat: case Op::kCmpString: case Op::kCmpBool: {
        const Value b = stack[--sp];
        Value& a = stack[sp - 1];
        a = Value::Bool(CompareValues(in.op, in.x, a, b));
        break;
      }

      // ---- logic ----
      case Op::kNot: {
        Value& top = stack[sp - 1];
        top = Value::Bool(!IsTrue(top));
        break;
      }
      case Op::kJumpIfFalse:
        if (!IsTrue(stack[sp - 1])) {
          pc = in.a - 1;  // keep the value; the loop's ++pc lands on a
        } else {
          --sp;
        }
        break;
      case Op::kJumpIfTrue:
        if (IsTrue(stack[sp - 1])) {
          pc = in.a - 1;
        } else {
          --sp;
        }
        break;
      case Op::kToBool: {
        Value& top = stack[sp - 1];
        top = Value::Bool(IsTrue(top));
        break;
      }

      // ---- membership, null tests, regex, calls ----
      case Op::kIn: {
        const uint32_t count = in.a;
        const Value* items = &stack[sp - count];
        Value& subject = stack[sp - count - 1];
        bool r = false;
        if (!subject.is_null()) {
          bool equal = false, null_item = false;
          for (uint32_t i = 0; i < count && !equal; ++i) {
            if (items[i].is_null()) {
              null_item = true;
            } else if (ValueEquals(subject, items[i])) {
              equal = true;
            }
          }
          r = in.x == 0 ? equal : !equal && !null_item;
        }
        sp -= count;
        subject = Value::Bool(r);
        break;
      }
      case Op::kIsNull: {
        Value& top = stack[sp - 1];
        top = Value::Bool(top.is_null() != (in.x != 0));
        break;
      }
      case Op::kRegex: {
        Value& top = stack[sp - 1];
        if (top.tag != Tag::kString) {
          top = in.x == 2 ? Value::Null() : Value::Bool(false);
          break;
        }
        const re2::RE2* re = in.a < program_->regexes.size() ? program_->regexes[in.a].get()
                                                             : nullptr;
        bool match = re != nullptr &&
                     re2::RE2::PartialMatch(re2::StringPiece(top.s, top.len), *re);
        top = Value::Bool(in.x == 1 ? !match : match);
        break;
      }
      case Op::kCall: {
        const uint32_t argc = in.x;
        Value r = Call(in.a, &stack[sp - argc], argc);
        sp -= argc;
        push(r);
        break;
      }
    }
  }
  return sp > 0 ? stack[sp - 1] : Value::Null();
}

Value FoldAggregate(const LoadedProgram& program, uint32_t agg_index,
                    std::span<const Event* const> events, const EvalEnv& env) {
  const expr::Aggregate& spec = program.program()->aggs[agg_index];
  ScratchScope scope(program.scratch_.get());
  AggState state;
  for (const Event* e : events) {
    if (e == nullptr) continue;
    state.Update(program.EvalAggregateArg(agg_index, e, env), spec);
  }
  // A kept string lives in `state`: copy it into the program's scratch.
  return program.CopyToScratch(state.Result(spec));
}

Value MatchAggregates::Aggregate(const LoadedProgram& program, uint32_t agg_index,
                                 const EvalEnv& env) const {
  const expr::Aggregate& spec = program.program()->aggs[agg_index];
  if (per_var_ == nullptr || spec.var < 0 || static_cast<size_t>(spec.var) >= per_var_->size()) {
    return FoldAggregate(program, agg_index, {}, env);
  }
  return FoldAggregate(program, agg_index, (*per_var_)[spec.var], env);
}

}  // namespace cep::rt
