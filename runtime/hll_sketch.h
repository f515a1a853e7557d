// HllSketch: a HyperLogLog distinct-count sketch (Flajolet, Fusy, Gandouet,
// Meunier 2007), what `distinct(x)` becomes once its exact set passes the
// bound (agg_value_store.h).
//
// Precision 12: the top 12 bits of a value's 64-bit hash (identity_hash.h)
// pick one of 4096 one-byte registers, which keeps the largest rank (leading
// zeros + 1) of the remaining 52 bits seen there. A histogram of register
// values is kept beside them, so the estimate is O(53), not O(4096), and the
// effect of one more hash can be computed without copying the registers.
//
// Estimate: Ertl's "improved" estimator (O. Ertl, New cardinality
// estimation algorithms for HyperLogLog sketches, 2017, algorithm 6),
// m^2 / (2 ln 2 * z) where z folds the register histogram and corrects for
// registers still at 0 (sigma: linear counting, generalised) and at the top
// rank (tau). It is the classic raw estimator with linear counting below
// 2.5 m, but without the classic switch's bias bump: measured over 600
// random streams, the classic pair has a +1.2..1.7% bias and 2.1-3.0% RMS
// error at 10k-11k values (the switch), this one under 0.2% bias and 1.4%
// RMS there. No large-range correction: 64-bit hashes do not saturate.
// Accuracy: relative standard error ~1.04 / sqrt(4096) = 1.6% for large
// counts, lower for small ones (1.2% at 4096 values); no visible bias at
// any count. Measured figures: tests/unit/sketch_test.cc, docs/language.md.
// Memory: 4096 + 54 * 4 = 4312 bytes, fixed, no heap (the owner allocates it
// once, when the exact set is abandoned).
// The estimate depends only on the set of hashes added, not on their order
// or repetition: Merge (register-wise max) of two sketches equals the sketch
// of the union.
// Tested by tests/unit/sketch_test.cc.
#ifndef CEP_RUNTIME_HLL_SKETCH_H_
#define CEP_RUNTIME_HLL_SKETCH_H_

#include <array>
#include <cstddef>
#include <cstdint>

namespace cep::rt {

class HllSketch {
 public:
  static constexpr int kPrecision = 12;
  static constexpr size_t kRegisters = size_t{1} << kPrecision;
  static constexpr int kMaxRank = 64 - kPrecision + 1;  // all 52 low bits zero

  HllSketch();

  void Add(uint64_t hash);
  // Register-wise max: the sketch of the union of both sets.
  void Merge(const HllSketch& other);

  int64_t Estimate() const;
  // Estimate() after Add(hash), without changing this sketch (no allocation).
  int64_t EstimateWith(uint64_t hash) const;

 private:
  static int Rank(uint64_t hash);
  static size_t Register(uint64_t hash) { return static_cast<size_t>(hash >> (64 - kPrecision)); }
  // The estimate from a histogram of register values.
  static int64_t EstimateFrom(const std::array<uint32_t, kMaxRank + 1>& hist);

  std::array<uint8_t, kRegisters> reg_;
  std::array<uint32_t, kMaxRank + 1> hist_;  // hist_[r]: how many registers hold r
};

}  // namespace cep::rt

#endif  // CEP_RUNTIME_HLL_SKETCH_H_
