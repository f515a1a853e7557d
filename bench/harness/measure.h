// Clocks and statistics for the benchmark harness: a monotonic wall clock
// and the process's CPU clock (on a shared, loaded machine CPU time is the
// steadier measure of single-threaded work; both are reported), the median
// of repeated runs (medians, not means, are compared), and the process's
// peak resident set size. Used by cep_bench; exercised by bench/run --smoke.
#ifndef CEP_BENCH_HARNESS_MEASURE_H_
#define CEP_BENCH_HARNESS_MEASURE_H_

#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <vector>

namespace cep::bench {

inline double NowSeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// CPU time of this (single-threaded) process, user + system.
inline double CpuSeconds() {
  struct timespec ts {};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// The median (the mean of the middle two for an even count); 0 when empty.
inline double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// Peak resident set size of this process so far, in KiB.
inline int64_t PeakRssKiB() {
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

}  // namespace cep::bench

#endif  // CEP_BENCH_HARNESS_MEASURE_H_
