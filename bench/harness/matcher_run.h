// The matcher-only measurement: events already in memory are pushed through
// a fresh rt::Engine (Push for each, then Finish), and only that loop is
// timed — no parsing, no output formatting (derived events are still built,
// as `cep run` builds them, and counted).
// Used by cep_bench; exercised by bench/run --smoke.
#ifndef CEP_BENCH_HARNESS_MATCHER_RUN_H_
#define CEP_BENCH_HARNESS_MATCHER_RUN_H_

#include <cstdint>

#include "bench/harness/input.h"
#include "bench/harness/rules.h"
#include "runtime/limits.h"

namespace cep::bench {

struct MatcherRun {
  double seconds = 0;          // Push of every event + Finish, wall clock
  double cpu_seconds = 0;      // the same, CPU time
  uint64_t derived = 0;        // derived events (matches and timeouts)
  uint64_t timeouts = 0;
  uint64_t peak_runs = 0;      // most partial-match waiters alive, summed over rules
  uint64_t peak_partitions = 0;
  uint64_t runs_shed = 0;      // dropped by a limit (a result then is not every match)
  uint64_t peak_state_bytes = 0;  // the engine's state estimate (input events excluded)
};

// One timed run over `events` (their references are kept: each Push gets an
// extra one).
MatcherRun RunMatcher(const CompiledRules& rules, LoadedEvents& events,
                      const rt::Limits& limits = {});

}  // namespace cep::bench

#endif  // CEP_BENCH_HARNESS_MATCHER_RUN_H_
