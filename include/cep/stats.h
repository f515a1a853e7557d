// Public API: an engine's counters, the same ones `cep run --stats` prints
// (and a few more). A snapshot: Engine::stats() copies them.
// Tested by tests/unit/api_engine_test.cc.
#ifndef CEP_STATS_H_
#define CEP_STATS_H_

#include <cstdint>
#include <string>
#include <vector>

namespace cep {

struct RuleStats {
  std::string name;
  uint64_t matches = 0;          // derived events reported
  uint64_t timeouts = 0;         // timeouts reported (`on timeout emit`)
  uint64_t suppressed = 0;       // matches cut by the after-match strategy
  uint64_t runs_merged = 0;      // partial matches dropped as identical to another
  uint64_t runs_shed = 0;        // partial matches dropped or refused by a limit
  uint64_t partitions_shed = 0;  // partitions evicted or refused by max_partitions
  uint64_t null_key_events = 0;  // events ignored: a partition key field was null
  uint64_t peak_runs = 0;        // most partial matches alive at once
  uint64_t peak_partitions = 0;  // most partitions alive at once
};

struct EventTypeCount {
  std::string type;
  uint64_t events = 0;  // processed (input, and derived events rules read back), or
                        // skipped because no rule reads the type
};

struct Stats {
  uint64_t events_in = 0;       // events the matcher processed from input
  uint64_t events_derived = 0;  // derived events produced
  uint64_t events_unused = 0;   // events of types no rule reads (skipped)
  uint64_t bad = 0;             // pushes rejected: bad JSON, a bad field, a missing required field
  uint64_t late = 0;            // events older than the watermark (dropped or called back)
  uint64_t unknown_type = 0;    // JSON events of undeclared types (rejected with NotFound)
  uint64_t buffered = 0;        // events waiting in the reorder buffer now
  uint64_t peak_buffered = 0;
  uint64_t memory_sheds = 0;                   // times max_memory made the engine shed state
  uint64_t peak_memory = 0;                    // most bytes of matcher state at once
  std::vector<EventTypeCount> events_by_type;  // types with at least one event
  std::vector<RuleStats> rules;                // program order
};

// The lines `cep run --stats` prints, without their "cep: " prefix:
//   events in 14, derived 3, bad 0, late 0, peak state 2304 bytes, memory sheds 0
//   rule BruteForceThenSuccess: 1 matches, 0 timeouts, peak 2 runs / 1 partitions, shed 0 runs
std::string FormatStats(const Stats& stats);

}  // namespace cep

#endif  // CEP_STATS_H_
