// Reading a benchmark's JSON Lines input with the runtime's own reader
// (runtime/io/line_reader.h + jsonl_reader.h), as `cep run` does: either
// into memory, for the matcher-only measurement, or just parsed and
// dropped, for the parse-only rate (the input ceiling of `cep run`).
// Benchmark input must be clean: a bad line is an error, not skipped.
// Used by cep_bench; exercised by bench/run --smoke.
#ifndef CEP_BENCH_HARNESS_INPUT_H_
#define CEP_BENCH_HARNESS_INPUT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "compiler/check/schema.h"
#include "runtime/event.h"
#include "runtime/io/time_parse.h"

namespace cep::bench {

// Events held in memory, in input order (which must be time order), each
// with one reference owned here.
class LoadedEvents {
 public:
  LoadedEvents() = default;
  ~LoadedEvents();
  LoadedEvents(const LoadedEvents&) = delete;
  LoadedEvents& operator=(const LoadedEvents&) = delete;

  rt::EventStore& store() { return store_; }
  std::vector<rt::Event*>& events() { return events_; }
  const std::vector<rt::Event*>& events() const { return events_; }

 private:
  rt::EventStore store_;  // declared first: destroyed after the events are released
  std::vector<rt::Event*> events_;
};

// Loads every event of a type in `used` (by EventTypeId; empty: all).
absl::Status LoadJsonLines(const std::string& path, const check::Schema& schema,
                           rt::io::EpochUnit unit, const std::vector<bool>& used,
                           LoadedEvents* out);

// Reads, parses and builds every line, releasing each event at once, with
// `used` as `cep run` sets it (lines of other types are skipped cheaply).
// Returns the number of lines read.
absl::StatusOr<uint64_t> ParseOnly(const std::string& path, const check::Schema& schema,
                                   rt::io::EpochUnit unit, const std::vector<bool>& used);

}  // namespace cep::bench

#endif  // CEP_BENCH_HARNESS_INPUT_H_
