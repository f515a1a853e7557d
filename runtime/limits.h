// Runtime budgets, each with a named overflow policy and a counter of what
// it shed (runtime/stats.h). Defaults are generous; docs/runtime.md lists
// them. A limit of 0 means unlimited.
#ifndef CEP_RUNTIME_LIMITS_H_
#define CEP_RUNTIME_LIMITS_H_

#include <cstdint>

namespace cep::rt {

enum class OverflowPolicy : uint8_t {
  kDropOldest,   // drop the oldest partial match (runs) / refuse the new partition
  kFail,         // stop the stream with an error
};

struct Limits {
  uint32_t max_runs_per_partition = 100000;  // waiters per partition and rule
  uint32_t max_partitions = 1000000;         // live partitions per rule
  OverflowPolicy on_overflow = OverflowPolicy::kDropOldest;
};

}  // namespace cep::rt

#endif  // CEP_RUNTIME_LIMITS_H_
