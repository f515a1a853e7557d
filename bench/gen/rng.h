// A small deterministic random number generator for the benchmark streams:
// SplitMix64, with integer ranges by multiply-shift. Unlike the standard
// library's distributions, its output is fixed by this code alone, so a
// seed gives the same stream on every compiler and machine (the benchmark
// numbers in docs/performance.md can be reproduced exactly).
// Tested by bench/run --smoke (the smoke streams are regenerated each run
// and their derived-event counts compared with the reference matcher).
#ifndef CEP_BENCH_GEN_RNG_H_
#define CEP_BENCH_GEN_RNG_H_

#include <cstdint>

namespace cep::bench {

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}

  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n), n > 0 (Lemire's multiply-shift; the bias is below
  // 2^-32 for the ranges used here).
  uint32_t Below(uint32_t n) {
    return static_cast<uint32_t>(((Next() >> 32) * uint64_t{n}) >> 32);
  }
  // Uniform in [lo, hi].
  int64_t Between(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(Below(static_cast<uint32_t>(hi - lo + 1)));
  }
  // True with probability num / den.
  bool Chance(uint32_t num, uint32_t den) { return Below(den) < num; }

 private:
  uint64_t state_;
};

}  // namespace cep::bench

#endif  // CEP_BENCH_GEN_RNG_H_
