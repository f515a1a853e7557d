// `cep run --stats`: the run's counters at the end, on stderr, as text for
// people (--stats) or as one JSON object on one line for machines
// (--stats=json; it is the last line of stderr). What is counted:
//
//   inputs            per input: name, format, bytes read, events, bad records
//   events read       per type (events that entered the engine's stream)
//   blank, bad, late  records; late = older than the watermark
//   skipped           records of unknown types (by name) and of types no
//                     rule reads (by type), skipped without reading fields
//   derived           per rule (and how many were timeouts)
//   rules             per running rule: peak live runs and partitions, runs
//                     and partitions shed by limits, matches suppressed by
//                     the after-match strategy, runs merged as identical,
//                     events ignored for a null partition key, outputs
//                     dropped by `suppress` (windowed rules: peak groups)
//   memory            peak bytes of matcher state, times max_memory shed
//   reorder           most events held by the reorder buffer at once
//   pending           with --no-flush: events still buffered and runs and
//                     partitions still live at the end
//   elapsed, rate     wall time from the first read, events read per second
// Tested by tests/cli/run_io_test.sh.
#ifndef CEP_CLI_RUN_STATS_H_
#define CEP_CLI_RUN_STATS_H_

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "compiler/check/checked_program.h"
#include "runtime/io/event_source.h"
#include "runtime/stats.h"

namespace cep::cli {

// What the CLI counts itself, beside the readers' and the engine's counters.
struct RunCounters {
  uint64_t late = 0;
  std::vector<uint64_t> derived_by_rule;   // by CheckedProgram::rules index
  std::vector<uint64_t> timeouts_by_rule;  // of those, `on timeout emit`
  uint64_t reorder_peak = 0;
  bool flushed = true;  // false with --no-flush
  uint64_t pending_buffered = 0;
  uint64_t pending_runs = 0;
  uint64_t pending_partitions = 0;
  double elapsed_seconds = 0;
};

struct StatsInput {
  const check::CheckedProgram* program = nullptr;
  const std::vector<std::unique_ptr<rt::io::EventSource>>* sources = nullptr;
  const rt::EngineStats* engine = nullptr;
  const RunCounters* counters = nullptr;
};

void PrintStatsText(const StatsInput& in, std::ostream& out);
void PrintStatsJson(const StatsInput& in, std::ostream& out);

}  // namespace cep::cli

#endif  // CEP_CLI_RUN_STATS_H_
