// The state a pattern rule keeps per live partial match, measured at the
// moment most partial matches are alive: issue 8's "≤ 64 bytes per live
// partial match plus the fields it retains". Untimed: every `every` events
// the engine's state is sampled, and the sample with the most live waiters
// (partial matches) is kept.
//
// Two measures of one moment:
//   - the engine's estimate (Engine::ApproxBytes, what --max-memory bounds),
//     input events excluded, split into the match DAG nodes (one per event a
//     partial match has taken, shared by matches with a common history: the
//     references to the retained events) and the rest (waiters, waiter
//     chunks, partitions, keys);
//   - the heap really in use (glibc mallinfo2: in-use blocks and mmapped
//     bytes) minus the heap in use once the engine was built, which also
//     counts the engine's scratch buffers at their high-water size.
// Used by `cep_bench state` and `bench/run --state`.
#ifndef CEP_BENCH_HARNESS_STATE_PROBE_H_
#define CEP_BENCH_HARNESS_STATE_PROBE_H_

#include <cstdint>

#include "bench/harness/input.h"
#include "bench/harness/rules.h"

namespace cep::bench {

struct StateSample {
  uint64_t at_event = 0;     // events pushed when the sample was taken
  uint64_t runs = 0;         // live partial matches (waiters), all rules
  uint64_t partitions = 0;
  uint64_t nodes = 0;        // live match-DAG nodes
  uint64_t estimate_bytes = 0;  // Engine::ApproxBytes minus the input events' bytes
  uint64_t node_bytes = 0;      // of which DAG nodes
  int64_t heap_bytes = 0;       // heap in use minus after construction
};

StateSample ProbeState(const CompiledRules& rules, LoadedEvents& events, uint32_t every);

}  // namespace cep::bench

#endif  // CEP_BENCH_HARNESS_STATE_PROBE_H_
