// Micro-benchmarks of predicate evaluation (runtime/expr_eval.h), per event:
// - the shared single-event predicates of a rule, each interpreted into the
//   bitset (BM_SharedPredicates: the engine before the predicate set), and
//   as the engine evaluates them now (BM_PredicateSet: equality indexes and
//   compiled tests, runtime/predicate_set.h);
// - a rule-local check that correlates with an earlier variable (B6:
//   `price < a.price * 0.98`) and one that reads `prev` (B8).
// Items processed = events. Built only with Google Benchmark; not run by ctest.
#include <benchmark/benchmark.h>

#include <vector>

#include "bench/micro/micro_fixture.h"
#include "runtime/expr_eval.h"
#include "runtime/predicate_set.h"

namespace cep::bench {
namespace {

// Every shared predicate of the event's type, interpreted one by one.
void BM_SharedPredicates(benchmark::State& state, const char* rule_file) {
  const CompiledRules& rules = MicroRules(rule_file);
  const ir::ProgramIR& ir = rules.result->ir;
  std::vector<rt::LoadedProgram> preds;
  std::vector<std::vector<uint32_t>> by_type(rules.result->checked.schema.size());
  for (uint32_t p = 0; p < ir.predicates.size(); ++p) {
    preds.emplace_back(&ir.predicates[p].program);
    by_type[ir.predicates[p].type].push_back(p);
  }
  std::vector<uint64_t> bits((preds.size() + 63) / 64 + 1, 0);
  const std::vector<rt::Event*>& events = MicroStockEvents(rules).events();
  for (auto _ : state) {
    for (const rt::Event* e : events) {
      for (uint32_t p : by_type[e->type]) {
        rt::EvalEnv env;
        env.current = e;
        uint64_t mask = uint64_t{1} << (p & 63);
        if (preds[p].Test(env)) {
          bits[p >> 6] |= mask;
        } else {
          bits[p >> 6] &= ~mask;
        }
      }
    }
    benchmark::DoNotOptimize(bits.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * events.size()));
  state.counters["predicates"] = static_cast<double>(preds.size());
}
BENCHMARK_CAPTURE(BM_SharedPredicates, B1_names, "B1");
BENCHMARK_CAPTURE(BM_SharedPredicates, B4_24_names, "B4");
BENCHMARK_CAPTURE(BM_SharedPredicates, B6_volume, "B6");

// The same predicates as the engine evaluates them (runtime/predicate_set.h):
// equality indexes, compiled tests, the interpreter for the rest.
void BM_PredicateSet(benchmark::State& state, const char* rule_file) {
  const CompiledRules& rules = MicroRules(rule_file);
  const ir::ProgramIR& ir = rules.result->ir;
  rt::PredicateSet set(ir, rules.result->checked.schema.size());
  std::vector<uint64_t> bits((set.size() + 63) / 64 + 1, 0);
  const std::vector<rt::Event*>& events = MicroStockEvents(rules).events();
  for (auto _ : state) {
    for (const rt::Event* e : events) set.Evaluate(e, bits);
    benchmark::DoNotOptimize(bits.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * events.size()));
  state.counters["predicates"] = static_cast<double>(set.size());
}
BENCHMARK_CAPTURE(BM_PredicateSet, B1_names, "B1");
BENCHMARK_CAPTURE(BM_PredicateSet, B4_24_names, "B4");
BENCHMARK_CAPTURE(BM_PredicateSet, B6_volume, "B6");

// Every check of the rule, with every variable (and prev) bound to the
// first event of the stream: the per-run cost of a correlated filter.
void BM_RuleChecks(benchmark::State& state, const char* rule_file,
                   rt::LoadedProgram::Mode mode) {
  const CompiledRules& rules = MicroRules(rule_file);
  const ir::RuleIR& rule = rules.result->ir.rules.at(0);
  std::vector<rt::LoadedProgram> checks;
  for (const expr::Program& c : rule.checks) checks.emplace_back(&c, mode);
  const std::vector<rt::Event*>& events = MicroStockEvents(rules).events();
  std::vector<const rt::Event*> vars(rule.vars.size(), events.front());
  uint64_t passed = 0;
  for (auto _ : state) {
    for (const rt::Event* e : events) {
      rt::EvalEnv env;
      env.current = e;
      env.prev = events.front();
      env.vars = vars.data();
      for (const rt::LoadedProgram& c : checks) passed += c.Test(env) ? 1 : 0;
    }
  }
  benchmark::DoNotOptimize(passed);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * events.size() * checks.size()));
  state.counters["checks"] = static_cast<double>(checks.size());
}
BENCHMARK_CAPTURE(BM_RuleChecks, B6_correlated_price, "B6", rt::LoadedProgram::Mode::kInterpret);
BENCHMARK_CAPTURE(BM_RuleChecks, B8_prev_price, "B8", rt::LoadedProgram::Mode::kInterpret);
// As the engine loads them: compiled where the shape allows (B8's are all
// `price < prev.price`-like; B6's multiply, so they stay interpreted).
BENCHMARK_CAPTURE(BM_RuleChecks, B8_prev_price_compiled, "B8", rt::LoadedProgram::Mode::kCompiled);

}  // namespace
}  // namespace cep::bench
