// Counters the engine keeps for `--stats` and the embedding API.
#ifndef CEP_RUNTIME_STATS_H_
#define CEP_RUNTIME_STATS_H_

#include <cstdint>
#include <string>
#include <vector>

namespace cep::rt {

struct RuleStats {
  std::string name;
  uint64_t matches = 0;          // reported matches (derived events)
  uint64_t timeouts = 0;         // reported timeouts
  uint64_t suppressed = 0;       // matches cut by the after-match strategy
  uint64_t runs_merged = 0;      // partial matches dropped as identical to another
  uint64_t runs_shed = 0;        // partial matches dropped or refused by a limit
  uint64_t partitions_shed = 0;  // partitions evicted or refused by max_partitions
  uint64_t null_key_events = 0;  // events ignored: a partition key field was null
  uint64_t peak_runs = 0;        // most waiters alive at once (all partitions)
  uint64_t peak_partitions = 0;   // windowed rules: groups
  uint64_t outputs_suppressed = 0; // outputs dropped by `suppress`
};

struct EngineStats {
  uint64_t events_in = 0;        // events pushed (input)
  uint64_t events_derived = 0;   // derived events produced
  uint64_t events_unused = 0;    // events of types no rule reads
  std::vector<uint64_t> events_by_type;
  uint64_t memory_sheds = 0;     // times max_memory made the engine shed state
  uint64_t peak_memory = 0;      // most bytes of matcher state at once
  std::vector<RuleStats> rules;
};

}  // namespace cep::rt

#endif  // CEP_RUNTIME_STATS_H_
