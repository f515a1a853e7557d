// HllSketch (see hll_sketch.h): registers plus a histogram of their values,
// updated together so the estimate reads only the histogram.
// Tested by tests/unit/sketch_test.cc.
#include "runtime/hll_sketch.h"

#include <bit>
#include <cmath>
#include <limits>

namespace cep::rt {

HllSketch::HllSketch() {
  reg_.fill(0);
  hist_.fill(0);
  hist_[0] = kRegisters;
}

int HllSketch::Rank(uint64_t hash) {
  uint64_t rest = hash << kPrecision;  // the bits below the register index
  return rest == 0 ? kMaxRank : std::countl_zero(rest) + 1;
}

void HllSketch::Add(uint64_t hash) {
  uint8_t& r = reg_[Register(hash)];
  int rank = Rank(hash);
  if (rank <= r) return;
  --hist_[r];
  ++hist_[rank];
  r = static_cast<uint8_t>(rank);
}

void HllSketch::Merge(const HllSketch& other) {
  for (size_t j = 0; j < kRegisters; ++j) {
    if (other.reg_[j] > reg_[j]) {
      --hist_[reg_[j]];
      ++hist_[other.reg_[j]];
      reg_[j] = other.reg_[j];
    }
  }
}

namespace {

// sigma and tau of Ertl's improved estimator (arXiv:1702.01284, algorithm 6):
// sigma(x) = x + sum_k x^(2^k) 2^(k-1), the correction for registers still
// at 0 (linear counting, generalised); tau(x), the one for registers at the
// largest rank. Both series converge in a few dozen steps.
double Sigma(double x) {
  if (x == 1) return std::numeric_limits<double>::infinity();
  double y = 1, z = x;
  for (;;) {
    x *= x;
    double before = z;
    z += x * y;
    y += y;
    if (z == before) return z;
  }
}

double Tau(double x) {
  if (x == 0 || x == 1) return 0;
  double y = 1, z = 1 - x;
  for (;;) {
    x = std::sqrt(x);
    double before = z;
    y *= 0.5;
    z -= (1 - x) * (1 - x) * y;
    if (z == before) return z / 3;
  }
}

}  // namespace

int64_t HllSketch::EstimateFrom(const std::array<uint32_t, kMaxRank + 1>& hist) {
  constexpr double m = static_cast<double>(kRegisters);
  constexpr int q = 64 - kPrecision;  // ranks 1..q+1
  // Horner over the histogram, largest rank first: the same arithmetic
  // whatever the history, so the estimate depends only on the histogram.
  double z = m * Tau(1 - hist[q + 1] / m);
  for (int k = q; k >= 1; --k) z = 0.5 * (z + hist[k]);
  z += m * Sigma(hist[0] / m);
  return std::llround(m * m / (2 * std::log(2.0)) / z);
}

int64_t HllSketch::Estimate() const { return EstimateFrom(hist_); }

int64_t HllSketch::EstimateWith(uint64_t hash) const {
  int rank = Rank(hash);
  uint8_t r = reg_[Register(hash)];
  if (rank <= r) return Estimate();
  std::array<uint32_t, kMaxRank + 1> hist = hist_;  // 216 bytes on the stack
  --hist[r];
  ++hist[rank];
  return EstimateFrom(hist);
}

}  // namespace cep::rt
