// Micro-benchmarks of one matcher step: the average cost of Engine::Push
// for one event (shared predicates, every rule's waiters, reports, timers),
// over the first 20,000 stock events pushed into a fresh engine per
// iteration (construction and reference counting excluded from the time).
// Items processed = events pushed. Built only with Google Benchmark; not run by ctest.
#include <benchmark/benchmark.h>

#include "bench/micro/micro_fixture.h"
#include "runtime/engine.h"

namespace cep::bench {
namespace {

void BM_EngineStep(benchmark::State& state, const char* rule_file) {
  const CompiledRules& rules = MicroRules(rule_file);
  LoadedEvents& loaded = MicroStockEvents(rules);
  const driver::FrontendResult& fr = *rules.result;
  uint64_t derived = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto engine = std::make_unique<rt::Engine>(fr.checked, fr.nfa);
    for (rt::Event* e : loaded.events()) loaded.store().Retain(e);
    state.ResumeTiming();
    for (rt::Event* e : loaded.events()) engine->Push(e);
    engine->Finish();
    state.PauseTiming();
    derived = engine->stats().events_derived;
    engine.reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * loaded.events().size()));
  state.counters["derived"] = static_cast<double>(derived);
}
BENCHMARK_CAPTURE(BM_EngineStep, B1, "B1")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_EngineStep, B2, "B2")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_EngineStep, B4, "B4")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_EngineStep, B5, "B5")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_EngineStep, B6, "B6")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_EngineStep, B7, "B7")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_EngineStep, B8, "B8")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_EngineStep, B10, "B10")->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace cep::bench
