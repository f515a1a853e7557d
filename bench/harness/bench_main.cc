// cep_bench: the measuring half of the benchmark suite (bench/run is the
// other). Subcommands, each printing one line of key=value pairs that
// bench/run reads:
//
//   cep_bench matcher RULES... --input F.jsonl [--time-unit s] [--runs 5]
//       events pre-loaded in memory, then only Engine::Push/Finish timed
//       (median of --runs, wall clock and CPU time); derived events, peak
//       partial matches, peak RSS.
//       ran=0 when nothing in the rules ran: no pattern rule, and the
//       engine derived nothing (windowed `from` rules, not run yet).
//   cep_bench parse RULES... --input F.jsonl [--time-unit s] [--runs 5]
//       the reader alone: read, parse and build every line as `cep run`
//       does, then drop it (median of --runs, wall clock and CPU time).
//   cep_bench state RULES... --input F.jsonl [--time-unit s] [--every 100]
//       untimed: the state kept per live partial match at the moment most
//       are alive (bench/harness/state_probe.h): the engine's estimate split
//       into DAG nodes (retained events) and the rest, and the real heap.
//   cep_bench smoke RULES... --input F.jsonl [--time-unit s]
//       derived-event counts of the engine and of the reference matcher
//       (tests/reference/) on the same small stream; exit 1 if they differ.
//
// Exit codes: 0 ok, 1 smoke mismatch, 2 usage, I/O or rule errors.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "bench/harness/input.h"
#include "bench/harness/matcher_run.h"
#include "bench/harness/measure.h"
#include "bench/harness/rules.h"
#include "bench/harness/state_probe.h"
#ifdef CEP_BENCH_HAS_REFERENCE
#include "bench/harness/smoke_check.h"
#endif

namespace cep::bench {
namespace {

struct Args {
  std::vector<std::string> rules;
  std::string input;
  std::string time_unit = "auto";
  uint32_t runs = 5;
  uint32_t every = 100;  // state: sample every N events
};

int Fail(const absl::Status& status) {
  std::cerr << "cep_bench: " << std::string(status.message()) << "\n";
  return 2;
}

// The rules compiled and the input loaded into memory, for the subcommands
// that push pre-loaded events (matcher, state, smoke): every declared type,
// the engine itself skips what no rule reads.
absl::Status LoadRulesAndEvents(const Args& args, std::unique_ptr<CompiledRules>* rules,
                                LoadedEvents* events) {
  auto compiled = CompileRules(args.rules);
  if (!compiled.ok()) return compiled.status();
  auto unit = rt::io::ParseEpochUnit(args.time_unit);
  if (!unit.ok()) return unit.status();
  *rules = std::move(*compiled);
  return LoadJsonLines(args.input, (*rules)->result->checked.schema, *unit, {}, events);
}

int Matcher(const Args& args) {
  std::unique_ptr<CompiledRules> rules;
  LoadedEvents events;
  if (absl::Status s = LoadRulesAndEvents(args, &rules, &events); !s.ok()) return Fail(s);
  std::vector<double> seconds, cpu;
  MatcherRun last;
  for (uint32_t i = 0; i < args.runs; ++i) {
    last = RunMatcher(*rules, events);
    seconds.push_back(last.seconds);
    cpu.push_back(last.cpu_seconds);
  }
  double median = Median(seconds), median_cpu = Median(cpu);
  size_t n = events.events().size();
  bool ran = rules->pattern_rules() > 0 || last.derived > 0;
  std::printf(
      "matcher events=%zu runs=%u median_s=%.6f median_cpu_s=%.6f events_per_s=%.0f "
      "events_per_cpu_s=%.0f derived=%llu timeouts=%llu peak_runs=%llu peak_partitions=%llu "
      "runs_shed=%llu peak_state_bytes=%llu rss_kib=%lld ran=%d\n",
      n, args.runs, median, median_cpu, median > 0 ? static_cast<double>(n) / median : 0.0,
      median_cpu > 0 ? static_cast<double>(n) / median_cpu : 0.0,
      static_cast<unsigned long long>(last.derived), static_cast<unsigned long long>(last.timeouts),
      static_cast<unsigned long long>(last.peak_runs),
      static_cast<unsigned long long>(last.peak_partitions),
      static_cast<unsigned long long>(last.runs_shed),
      static_cast<unsigned long long>(last.peak_state_bytes), static_cast<long long>(PeakRssKiB()),
      ran ? 1 : 0);
  return 0;
}

int State(const Args& args) {
  std::unique_ptr<CompiledRules> rules;
  LoadedEvents events;
  if (absl::Status st = LoadRulesAndEvents(args, &rules, &events); !st.ok()) return Fail(st);
  StateSample s = ProbeState(*rules, events, args.every);
  double runs = s.runs > 0 ? static_cast<double>(s.runs) : 1.0;
  std::printf(
      "state events=%zu at_event=%llu runs=%llu partitions=%llu nodes=%llu "
      "estimate_bytes_per_run=%.1f node_bytes_per_run=%.1f other_bytes_per_run=%.1f "
      "nodes_per_run=%.2f heap_bytes_per_run=%.1f\n",
      events.events().size(), static_cast<unsigned long long>(s.at_event),
      static_cast<unsigned long long>(s.runs), static_cast<unsigned long long>(s.partitions),
      static_cast<unsigned long long>(s.nodes), static_cast<double>(s.estimate_bytes) / runs,
      static_cast<double>(s.node_bytes) / runs,
      static_cast<double>(s.estimate_bytes - s.node_bytes) / runs,
      static_cast<double>(s.nodes) / runs, static_cast<double>(s.heap_bytes) / runs);
  return 0;
}

int Parse(const Args& args) {
  auto rules = CompileRules(args.rules);
  if (!rules.ok()) return Fail(rules.status());
  auto unit = rt::io::ParseEpochUnit(args.time_unit);
  if (!unit.ok()) return Fail(unit.status());
  std::vector<bool> used = (*rules)->UsedTypes();
  std::vector<double> seconds, cpu;
  uint64_t lines = 0;
  for (uint32_t i = 0; i < args.runs; ++i) {
    double start = NowSeconds(), cpu_start = CpuSeconds();
    auto read = ParseOnly(args.input, (*rules)->result->checked.schema, *unit, used);
    seconds.push_back(NowSeconds() - start);
    cpu.push_back(CpuSeconds() - cpu_start);
    if (!read.ok()) return Fail(read.status());
    lines = *read;
  }
  double median = Median(seconds), median_cpu = Median(cpu);
  std::printf(
      "parse lines=%llu runs=%u median_s=%.6f median_cpu_s=%.6f events_per_s=%.0f "
      "events_per_cpu_s=%.0f\n",
      static_cast<unsigned long long>(lines), args.runs, median, median_cpu,
      median > 0 ? static_cast<double>(lines) / median : 0.0,
      median_cpu > 0 ? static_cast<double>(lines) / median_cpu : 0.0);
  return 0;
}

int Smoke(const Args& args) {
#ifdef CEP_BENCH_HAS_REFERENCE
  std::unique_ptr<CompiledRules> rules;
  LoadedEvents events;
  if (absl::Status s = LoadRulesAndEvents(args, &rules, &events); !s.ok()) return Fail(s);
  auto check = CompareWithReference(*rules, events);
  if (!check.ok()) return Fail(check.status());
  bool ran = rules->pattern_rules() > 0 || check->engine > 0;
  std::printf("smoke events=%zu engine=%llu reference=%llu same=%d ran=%d detail=%s\n",
              events.events().size(), static_cast<unsigned long long>(check->engine),
              static_cast<unsigned long long>(check->reference), check->same ? 1 : 0, ran ? 1 : 0,
              check->detail.c_str());
  return check->same ? 0 : 1;
#else
  (void)args;
  std::cerr << "cep_bench: built without the reference matcher (CEP_BUILD_TESTS=OFF): no smoke\n";
  return 2;
#endif
}

void AddCommon(CLI::App* cmd, Args* args, bool runs) {
  cmd->add_option("rules", args->rules, "Rule files or directories")->required();
  cmd->add_option("-i,--input", args->input, "JSON Lines events")->required();
  cmd->add_option("--time-unit", args->time_unit, "Unit of numeric times: auto, s, ms, us, ns")
      ->capture_default_str();
  if (runs) {
    cmd->add_option("--runs", args->runs, "Repetitions (the median is printed)")
        ->check(CLI::Range(1u, 1000u))
        ->capture_default_str();
  }
}

}  // namespace
}  // namespace cep::bench

int main(int argc, char** argv) {
  using namespace cep::bench;
  CLI::App app("Benchmark the cep engine (see bench/run and docs/performance.md)");
  app.require_subcommand(1);
  Args args;
  int (*action)(const Args&) = nullptr;
  CLI::App* matcher = app.add_subcommand("matcher", "Events in memory; time Engine::Push/Finish");
  AddCommon(matcher, &args, true);
  matcher->callback([&] { action = Matcher; });
  CLI::App* parse = app.add_subcommand("parse", "Parse-only rate of the JSON Lines reader");
  AddCommon(parse, &args, true);
  parse->callback([&] { action = Parse; });
  CLI::App* state = app.add_subcommand("state", "State per live partial match at its peak");
  AddCommon(state, &args, false);
  state->add_option("--every", args.every, "Sample every N events")
      ->check(CLI::Range(1u, 1000000u))
      ->capture_default_str();
  state->callback([&] { action = State; });
  CLI::App* smoke = app.add_subcommand("smoke", "Compare derived-event counts with the reference");
  AddCommon(smoke, &args, false);
  smoke->callback([&] { action = Smoke; });
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  return action(args);
}
