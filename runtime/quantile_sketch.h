// QuantileSketch: a relative-error quantile sketch (DDSketch: Masson, Rim,
// Lee, VLDB 2019), what `percentile(x, p)` becomes once its exact values pass
// the bound (agg_value_store.h).
//
// A value x != 0 goes to bucket i = ceil(log_gamma |x|) of its sign's store,
// gamma = (1 + a) / (1 - a) with relative accuracy a = 1%; zeros (0.0 and
// -0.0), -inf, +inf and NaN are counted apart. A nearest-rank query walks
// the buckets in value order (-inf, negatives from the largest magnitude,
// zeros, positives, +inf, NaN last as the exact order has it) to the bucket
// holding the rank-th value and answers its representative 2 gamma^i /
// (gamma + 1): within a = 1% of the exact nearest-rank value (relative:
// |answer - exact| <= 0.01 |exact|; exact for 0, infinities and NaN).
//
// Memory: each sign's store is a dense array of 8-byte counts over the
// buckets between its lowest and highest index, at most kMaxBins = 2048 of
// them (16 KiB): bucket 2048 is gamma^2048 ~ 6e17 times bucket 1, so 1 ns to
// 19 years of durations, or any data within 17 decimal orders of magnitude,
// keeps the 1% guarantee. Beyond that the lowest buckets of the store are
// collapsed into one (as DDSketch's collapsing-lowest store does): the
// guarantee is then lost only for ranks that fall among those smallest
// magnitudes. A sketch holds at most 2 * 16 KiB + 80 bytes; data spanning a
// factor R takes about 50 * ln R + 1 buckets (a factor 1000: ~350 buckets,
// 2.8 KiB).
//
// Which buckets exist depends only on the values added, never on their
// order (a store's collapse floor is its highest index ever added minus
// 2047), so Merge of two sketches equals the sketch of all their values,
// bucket for bucket, and answers are deterministic.
// Tested by tests/unit/sketch_test.cc.
#ifndef CEP_RUNTIME_QUANTILE_SKETCH_H_
#define CEP_RUNTIME_QUANTILE_SKETCH_H_

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace cep::rt {

class QuantileSketch {
 public:
  static constexpr double kRelativeAccuracy = 0.01;
  static constexpr int32_t kMaxBins = 2048;  // per sign
  static constexpr int32_t kNoIndex = std::numeric_limits<int32_t>::min();

  void Add(double x);
  void Merge(const QuantileSketch& other);

  uint64_t count() const;

  // The nearest-rank answer: the representative of the bucket holding the
  // rank-th smallest value (1 <= rank <= count, plus one with `extra`). With
  // `extra`, as if Add(*extra) had been called first, without changing this
  // sketch (no allocation).
  double ValueAtRank(uint64_t rank, const double* extra = nullptr) const;

  // The highest bucket index of each sign among some values: what decides
  // the collapse floors of a sketch built from them.
  struct Tops {
    int32_t positive = kNoIndex;
    int32_t negative = kNoIndex;
    void Note(double x);
  };
  // The answer a sketch of values with these tops gives for the bucket
  // holding x: lets a caller that has the exact sorted values predict the
  // sketch's answer without building it (agg_value_store.cc).
  static double Quantize(double x, const Tops& tops);

  // Heap bytes held (the two stores' arrays).
  size_t HeapBytes() const;

 private:
  // The buckets of one sign: counts for indices offset_ .. offset_ +
  // bins_.size() - 1, none below floor() = top_ - kMaxBins + 1.
  class Store {
   public:
    void Add(int32_t index, uint64_t n);
    void Merge(const Store& other);
    bool empty() const { return total_ == 0; }
    uint64_t total() const { return total_; }
    int32_t top() const { return top_; }
    int32_t offset() const { return offset_; }
    const std::vector<uint64_t>& bins() const { return bins_; }
    size_t HeapBytes() const { return bins_.capacity() * sizeof(uint64_t); }

   private:
    void Collapse(int32_t floor);  // folds every count below floor into it
    void Cover(int32_t index);     // grows bins_ to include index

    std::vector<uint64_t> bins_;
    int32_t offset_ = 0;
    int32_t top_ = kNoIndex;  // highest index ever added
    uint64_t total_ = 0;
  };

  static int32_t Index(double magnitude);  // finite, > 0
  static double Representative(int32_t index);
  static int32_t Floor(int32_t top) { return top == kNoIndex ? kNoIndex : top - kMaxBins + 1; }
  // Walks one store in value order (ascending indices for positives,
  // descending for negatives), one tentative index included if not kNoIndex;
  // returns the bucket index (after the collapse floor) where the running
  // count reaches rank, or kNoIndex with `cum` advanced past the store.
  static int32_t Walk(const Store& s, bool ascending, int32_t extra, uint64_t rank, uint64_t& cum);

  Store positive_, negative_;
  uint64_t zeros_ = 0;
  uint64_t negative_infinities_ = 0;
  uint64_t positive_infinities_ = 0;
  uint64_t nans_ = 0;
};

}  // namespace cep::rt

#endif  // CEP_RUNTIME_QUANTILE_SKETCH_H_
