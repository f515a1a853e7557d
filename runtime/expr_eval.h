// Evaluates compiled expressions (compiler/expr/program.h) over events: a
// switch-dispatched stack machine on a fixed-size stack — no allocation, no
// virtual call per instruction. Aggregates are the one indirect call: the
// caller says where their values come from (running state of a run, or the
// events of a finished match, or a window).
//
// Results. Strings a program computes (lower, concat, substr of a computed
// string, to_string, ...) live in a scratch arena owned by the LoadedProgram,
// reset when an outermost evaluation starts (Eval, Test, EvalAggregateArg or
// FoldAggregate called from outside an evaluation of the same program): a
// string result is valid until the next outermost evaluation on the same
// LoadedProgram. Strings read from events or constants point into those.
// Copy what must live longer. A LoadedProgram is therefore not thread-safe:
// use one per thread (copies start with their own, empty scratch).
//
// The run-time semantics decisions (overflow, division by zero, builtins,
// aggregates) are listed at the top of runtime/expr_eval.cc.
// Tested by tests/unit/expr_eval_test.cc.
#ifndef CEP_RUNTIME_EXPR_EVAL_H_
#define CEP_RUNTIME_EXPR_EVAL_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "compiler/expr/program.h"
#include "runtime/eval_env.h"
#include "runtime/event.h"
#include "runtime/expr_fast.h"
#include "runtime/value.h"

namespace cep::rt {

namespace internal {
struct EvalScratch;  // expr_eval.cc: string arena, nesting depth, regex cache
// Created on first use; copies and moves start empty (a scratch belongs to
// one LoadedProgram object).
struct ScratchHolder {
  ScratchHolder();
  ~ScratchHolder();
  ScratchHolder(const ScratchHolder&);
  ScratchHolder& operator=(const ScratchHolder&) { return *this; }
  EvalScratch& get();
  std::unique_ptr<EvalScratch> s;
};
}  // namespace internal

// A Program made ready to run: constants turned into Values once.
class LoadedProgram {
 public:
  // kCompiled: Test() runs a condition of a simple shape (expr_fast.h)
  // without the interpreter, with the same answers. The engine loads its
  // predicates and checks so; kInterpret (the default) always interprets —
  // what the reference matcher of the tests uses, so the differential tests
  // compare the two.
  enum class Mode : uint8_t { kInterpret, kCompiled };

  LoadedProgram() = default;
  // `program` must outlive this object (constant strings point into it).
  explicit LoadedProgram(const expr::Program* program, Mode mode = Mode::kInterpret);

  Value Eval(const EvalEnv& env) const;
  // A condition: true only when the value is the bool true.
  bool Test(const EvalEnv& env) const {
    if (fast_.shape != FastTest::Shape::kNone) return RunFastTest(fast_, env);
    Value v = Eval(env);
    return v.tag == Tag::kBool && v.b;
  }
  // Loaded kCompiled and of a compiled shape: the shape Test() runs.
  const FastTest* compiled() const {
    return fast_.shape != FastTest::Shape::kNone ? &fast_ : nullptr;
  }
  // Runs one aggregate's per-event argument with `event` as its variable
  // (for a window aggregate: as the current event). An aggregate without an
  // argument (count(v), first(v), last(v)) gives the event itself.
  Value EvalAggregateArg(uint32_t agg_index, const Event* event, const EvalEnv& env) const;

  // Copies a string value into this program's scratch arena (other values
  // are returned as they are): valid until the next outermost evaluation.
  // For AggregateSource implementations returning a string that lives in a
  // temporary (e.g. a local AggState).
  Value CopyToScratch(const Value& v) const;

  const expr::Program* program() const { return program_; }
  bool empty() const { return program_ == nullptr || program_->code.empty(); }

 private:
  friend Value FoldAggregate(const LoadedProgram&, uint32_t, std::span<const Event* const>,
                             const EvalEnv&);
  // Runs `code`; while an aggregate's argument runs, variable `agg_var`
  // reads `agg_event`.
  Value Run(const std::vector<expr::Instr>& code, const EvalEnv& env, int32_t agg_var,
            const Event* agg_event) const;
  Value Call(uint32_t builtin, const Value* args, uint32_t argc) const;

  const expr::Program* program_ = nullptr;
  std::vector<Value> consts_;
  uint32_t stack_size_ = 0;  // max(program->max_stack, what the code needs)
  FastTest fast_;            // shape kNone: interpret
  mutable internal::ScratchHolder scratch_;
};

// Supplies aggregate values for kAggregate.
class AggregateSource {
 public:
  virtual ~AggregateSource() = default;
  virtual Value Aggregate(const LoadedProgram& program, uint32_t agg_index,
                          const EvalEnv& env) const = 0;
};

// Folds aggregate `agg_index` of `program` over `events` (a finished match's
// events of one variable, or a window's rows) from scratch, with AggState
// (agg_state.h), so the result equals the running aggregate's. Used for emit
// values and by the reference matcher. Null events are skipped.
Value FoldAggregate(const LoadedProgram& program, uint32_t agg_index,
                    std::span<const Event* const> events, const EvalEnv& env);

// The events of each variable of one finished match, for emit expressions.
class MatchAggregates : public AggregateSource {
 public:
  explicit MatchAggregates(const std::vector<std::vector<const Event*>>* per_var)
      : per_var_(per_var) {}
  Value Aggregate(const LoadedProgram& program, uint32_t agg_index,
                  const EvalEnv& env) const override;

 private:
  const std::vector<std::vector<const Event*>>* per_var_;
};

// The events of one window (or any one group of events), for a windowed
// rule's having / emit: every aggregate folds over `events`.
class WindowAggregates : public AggregateSource {
 public:
  explicit WindowAggregates(std::span<const Event* const> events) : events_(events) {}
  Value Aggregate(const LoadedProgram& program, uint32_t agg_index,
                  const EvalEnv& env) const override {
    return FoldAggregate(program, agg_index, events_, env);
  }

 private:
  std::span<const Event* const> events_;
};

}  // namespace cep::rt

#endif  // CEP_RUNTIME_EXPR_EVAL_H_
