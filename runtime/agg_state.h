// AggState: the running state of one aggregate (expr::Aggregate) over the
// values folded in so far, updated one value at a time. The matcher keeps one
// per aggregate slot on every match-DAG node; FoldAggregate (expr_eval.h)
// folds whole groups with it too, so a running aggregate and one computed
// from scratch over the same values are bit-identical.
//
// Semantics (builtins.h; decisions documented in runtime/expr_eval.cc):
//   - null values are skipped by every aggregate (count(v) folds the events
//     themselves, which are never null);
//   - over no values count, sum and distinct give 0 (sum: 0 of its type:
//     int, float or duration), the others null;
//   - sum: ints and durations wrap on overflow (two's complement), floats
//     add in the order folded; avg: float for numbers (exact integer sum,
//     then one division), duration for durations (rounded half away from
//     zero); min / max: numbers, strings (bytewise), timestamps, durations,
//     the first of equal values kept, a float NaN only when every value is
//     NaN; first / last: the first / last non-null value (an event for
//     first(v) / last(v)); stddev: the sample standard deviation (n - 1,
//     Welford's algorithm), null below 2 values; distinct: the number of
//     distinct non-null values (identity as ValueIdentical: 1 and 1.0 differ,
//     so do 0.0 and -0.0); percentile(x, p): nearest rank: the smallest value
//     with at least p% of the values at or below it (rank ceil(p/100 * n),
//     at least 1), as float (duration for durations).
//   - count, sum, avg, min, max, first, last and stddev are O(1) per value
//     and per Merge;
//   - distinct and percentile keep their values exactly (sorted; O(log n +
//     n) per new value) up to 4096 values, then switch for good to a sketch:
//     distinct to HyperLogLog (4.3 KiB, ~1.6% standard error), percentile to
//     a relative-error quantile sketch (within 1% of the exact value, at most
//     32 KiB); see agg_value_store.h for the bound, hll_sketch.h and
//     quantile_sketch.h for accuracy and memory. Exact or sketched, the
//     result depends only on the values folded in, not on their order or
//     grouping into Merges.
//
// Strings kept by min / max / first / last (and distinct's values) are
// copied into storage the state shares between its copies (immutable, or
// copied before a shared one changes), so copying an AggState is cheap and
// never invalidates a Value that Result returned while some copy still
// holds it (distinct and percentile return numbers only): a string
// result of Result is valid as long as this state (or a copy of it) is
// neither updated nor destroyed. Events are not copied: a state holding an
// event value (first(v), last(v)) relies on the caller keeping it alive, as
// the match DAG does.
// Tested by tests/unit/expr_eval_test.cc, tests/unit/window_panes_test.cc
// and, past the exact bound, tests/unit/sketch_test.cc.
#ifndef CEP_RUNTIME_AGG_STATE_H_
#define CEP_RUNTIME_AGG_STATE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "compiler/check/builtins.h"
#include "compiler/expr/program.h"
#include "runtime/agg_value_store.h"
#include "runtime/value.h"

namespace cep::rt {

class AggState {
 public:
  AggState() = default;

  // Folds in one value of aggregate `fn` (a null value is skipped).
  void Update(const Value& v, check::BuiltinId fn);
  void Update(const Value& v, const expr::Aggregate& spec) {
    Update(v, static_cast<check::BuiltinId>(spec.builtin));
  }

  // The aggregate's value; `result_kind` is the aggregate's type
  // (expr::Aggregate::result_kind: sum over no values needs it, avg and
  // percentile give durations for durations), `percentile` percentile's p.
  Value Result(check::BuiltinId fn, TypeKind result_kind, double percentile = 0) const;
  Value Result(const expr::Aggregate& spec) const {
    return Result(static_cast<check::BuiltinId>(spec.builtin), spec.result_kind,
                  spec.percentile);
  }

  // The value Result would give after Update(tentative), without changing
  // this state or copying it (no allocation; distinct at exactly the bound
  // builds its would-be sketch on the stack): a filter's running aggregate
  // that includes the event being tested (docs/semantics.md, rule 2). A
  // string result points into this state or into `tentative`.
  Value ResultWith(const Value& tentative, check::BuiltinId fn, TypeKind result_kind,
                   double percentile = 0) const;
  Value ResultWith(const Value& tentative, const expr::Aggregate& spec) const {
    return ResultWith(tentative, static_cast<check::BuiltinId>(spec.builtin),
                      spec.result_kind, spec.percentile);
  }

  // Folds in every value `later` folded in, as if they came after this
  // state's own: a window's state is its panes' states merged in time order
  // (runtime/window_panes.h). Results equal folding the values one by one,
  // except float sums (sum, avg, stddev of floats), which add pane by pane
  // and so may differ in the last bits. distinct / percentile merge their
  // sorted values (O(n + m)) or sketches (O(sketch size)).
  void Merge(const AggState& later, check::BuiltinId fn);
  void Merge(const AggState& later, const expr::Aggregate& spec) {
    Merge(later, static_cast<check::BuiltinId>(spec.builtin));
  }

  // Number of non-null values folded in (repeats included, for distinct too).
  int64_t count() const { return core_.count; }

  // Heap bytes this state refers to (kept string, values or sketch); shared
  // storage is counted in full by every state sharing it.
  size_t ApproxHeapBytes() const;

 private:
  struct Core {
    int64_t count = 0;
    __int128 isum = 0;  // ints and durations: exact (sum wraps when read)
    double fsum = 0;    // floats
    double mean = 0;    // Welford, for stddev
    double m2 = 0;
    Value kept;         // min, max, first, last
  };
  static void Step(Core& c, const Value& v, check::BuiltinId fn);
  static Value Finish(const Core& c, check::BuiltinId fn, TypeKind result_kind);
  Value FinishValues(check::BuiltinId fn, TypeKind result_kind, double percentile,
                     const Value* tentative) const;
  AggValueStore& MutableValues();

  Core core_;
  std::shared_ptr<const std::string> kept_bytes_;  // core_.kept's bytes when a string
  std::shared_ptr<AggValueStore> values_;  // distinct, percentile; copied before a shared one changes
};

}  // namespace cep::rt

#endif  // CEP_RUNTIME_AGG_STATE_H_
