// AggValueStore: the values of the two aggregates that need more than a few
// numbers — distinct(x) and percentile(x, p) — exact up to a bound, then a
// sketch with documented accuracy and bounded memory. AggState (agg_state.h)
// holds one behind a shared pointer, copied before a shared one changes.
//
// Exact: the values sorted (distinct: each once, by identity as
// ValueIdentical; percentile: all of them, numerically, NaN last), strings
// copied into `bytes_`. Binary search, then an insert: O(log n + n) per new
// value, n <= kExactValues. Past half the bound, an exact distinct set also
// keeps its HLL up to date (4.3 KiB more), so that the switch — and
// ResultWith at the bound — costs no rehashing.
//
// The bound: 4096 values (and, for distinct, 64 KiB of string bytes). The
// exact set then holds at most 64 KiB of Values (16 bytes each) + 64 KiB of
// strings; results for the common cases — a pattern run, one group's window
// of a minute — stay exact. Why not more: each Update of a state shared with
// a copy (a match-DAG node's parent) copies the set, and the exact set is
// already 15x the HLL's size and 2x the quantile sketch's worst case; why
// not less: at 4096 values the HLL's error is about 1.2%, so the switch
// costs little accuracy, while below it answers are exact. Past it (the 4097th distinct value, or the
// string that would pass 64 KiB; the 4097th percentile value) the store
// switches, for good, to
//   - distinct: HllSketch (hll_sketch.h), 4.3 KiB, ~1.6% standard error;
//   - percentile: QuantileSketch (quantile_sketch.h), answers within 1%
//     relative error, at most 32 KiB (a few KiB for typical data);
// built from the exact values, which are then freed. A sketch's answer
// depends only on the values added, so whether values arrive one by one or
// through merges of any grouping, the result is the same (at or past the
// bound too), and ResultWith equals Update-then-Result bit for bit.
// Tested by tests/unit/sketch_test.cc (and expr_eval_test.cc,
// window_panes_test.cc below the bound).
#ifndef CEP_RUNTIME_AGG_VALUE_STORE_H_
#define CEP_RUNTIME_AGG_VALUE_STORE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "compiler/ast/types.h"
#include "runtime/value.h"

namespace cep::rt {

class HllSketch;
class QuantileSketch;

class AggValueStore {
 public:
  static constexpr size_t kExactValues = 4096;
  static constexpr size_t kExactStringBytes = 64 * 1024;  // distinct only

  AggValueStore();
  AggValueStore(const AggValueStore& other);  // deep: a copy on write
  AggValueStore& operator=(const AggValueStore&) = delete;
  ~AggValueStore();

  // distinct: v is not null.
  void AddDistinct(const Value& v);
  // The number of distinct values (an estimate once sketched), counting
  // *tentative too when not null — as after AddDistinct(*tentative), without
  // changing or copying this store. At the bound, a new value's answer is
  // the estimate of the sketch the exact set keeps beside it once past half
  // the bound (the "shadow"); only a string that passes the byte bound
  // before that has its sketch built in a 4.3 KiB stack buffer, O(n).
  int64_t Distinct(const Value* tentative) const;
  // Adds every value of `later`.
  void MergeDistinct(const AggValueStore& later);

  // percentile: v is a non-null int, float or duration.
  void AddNumber(const Value& v);
  // Nearest rank over the values (and *tentative when not null, as above):
  // float, or a duration (rounded) for result_kind kDuration; null if none.
  Value Percentile(double p, TypeKind result_kind, const Value* tentative) const;
  void MergeNumbers(const AggValueStore& later);

  bool sketched() const { return hll_sketched() || quantiles_ != nullptr; }
  // Heap bytes held (exact values and strings, or the sketch).
  size_t HeapBytes() const;

 private:
  Value Resolve(const Value& stored) const;
  size_t FindIdentity(const Value& v, bool* found) const;
  size_t UpperBoundNumeric(const Value& v) const;
  void InsertAt(size_t at, const Value& v);
  bool hll_sketched() const { return hll_ != nullptr && !shadow_; }
  void FreeExact();
  void BuildShadow();
  void SwitchToHll();
  void SwitchToQuantiles();

  std::vector<Value> v_;  // exact: sorted; strings as offsets into bytes_
  std::string bytes_;
  std::unique_ptr<HllSketch> hll_;  // distinct past the bound, or its shadow before
  bool shadow_ = false;             // hll_ mirrors v_ (past half the bound), v_ answers
  std::unique_ptr<QuantileSketch> quantiles_;  // percentile past the bound
};

}  // namespace cep::rt

#endif  // CEP_RUNTIME_AGG_VALUE_STORE_H_
