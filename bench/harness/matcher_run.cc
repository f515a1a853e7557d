// See matcher_run.h.
#include "bench/harness/matcher_run.h"

#include "bench/harness/measure.h"
#include "runtime/engine.h"

namespace cep::bench {

MatcherRun RunMatcher(const CompiledRules& rules, LoadedEvents& events, const rt::Limits& limits) {
  const driver::FrontendResult& fr = *rules.result;
  rt::Engine engine(fr.checked, fr.nfa, limits);
  // The engine releases one reference per pushed event (into its own
  // store, which never sees these blocks: ours stay above zero).
  for (rt::Event* e : events.events()) events.store().Retain(e);
  double start = NowSeconds(), cpu_start = CpuSeconds();
  for (rt::Event* e : events.events()) engine.Push(e);
  engine.Finish();
  MatcherRun run;
  run.seconds = NowSeconds() - start;
  run.cpu_seconds = CpuSeconds() - cpu_start;
  const rt::EngineStats& stats = engine.stats();
  run.derived = stats.events_derived;
  run.peak_state_bytes = stats.peak_memory;
  for (const rt::RuleStats& r : stats.rules) {
    run.timeouts += r.timeouts;
    run.peak_runs += r.peak_runs;
    run.peak_partitions += r.peak_partitions;
    run.runs_shed += r.runs_shed;
  }
  return run;
}

}  // namespace cep::bench
