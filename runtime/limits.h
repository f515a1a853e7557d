// Runtime budgets. Each has a named overflow policy and counters of what it
// shed (runtime/stats.h); docs/runtime.md lists the defaults. 0 = unlimited.
#ifndef CEP_RUNTIME_LIMITS_H_
#define CEP_RUNTIME_LIMITS_H_

#include <cstdint>
#include <string_view>

namespace cep::rt {

enum class OverflowPolicy : uint8_t {
  kDropOldest,  // make room: drop the oldest partial matches / least recently active partition
  kRejectNew,   // keep what exists: the new partial match / partition is not created
  kFail,        // stop: the engine reports a ResourceExhausted status
};

// "drop-oldest", "reject-new", "fail".
std::string_view OverflowPolicyName(OverflowPolicy p);
bool ParseOverflowPolicy(std::string_view name, OverflowPolicy* out);

struct Limits {
  // Partial-match waiters per partition and rule.
  uint32_t max_runs_per_partition = 100000;
  OverflowPolicy on_runs_overflow = OverflowPolicy::kDropOldest;
  // Live partitions per rule.
  uint32_t max_partitions = 1000000;
  OverflowPolicy on_partitions_overflow = OverflowPolicy::kDropOldest;
  // Bytes of matcher state (events held, match-DAG nodes, waiters,
  // partitions), over all rules; checked after every event.
  uint64_t max_memory = 0;
  OverflowPolicy on_memory_overflow = OverflowPolicy::kDropOldest;
};

}  // namespace cep::rt

#endif  // CEP_RUNTIME_LIMITS_H_
