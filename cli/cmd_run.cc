// `cep run RULES... [--input FILE]... [-o FILE]`: compile the rules, read
// events from every input (standard input by default; JSON Lines, CSV or
// CloudEvents, merged by event time), run every pattern rule and write the
// derived events (JSON Lines, CloudEvents or a table).
//
// Bad input never stops the good: a malformed record, a wrong field type, a
// missing field or time is reported as `file:line: ...` (the first
// --max-bad-reports of them), counted, and skipped; with --on-error=fail the
// run stops at the first one, after flushing what was already derived, and
// exits 3. Events out of time order by up to --max-delay (default 5s) are
// put back in order; older ones are late: counted, and reported or written
// to --late-output, never silently dropped. At the end of input the
// watermark moves to the end (every buffered event is processed, every timer
// fires) unless --no-flush. Limits (--max-runs-per-partition,
// --max-partitions, --max-memory) shed state by --on-overflow, counted in
// --stats. Exit codes: 0 ok, 1 errors in the rules, 2 usage or I/O, 3 bad
// input with --on-error=fail, 4 a limit was reached with --on-overflow=fail.
// The inputs, the progress bar and the stats are in run_inputs.h,
// run_progress.h and run_stats.h; docs/input.md documents it all.
// Tested by tests/cli/cli_test.sh, tests/cli/run_io_test.sh and tests/golden/run/.
#include <chrono>
#include <fstream>
#include <iostream>

#include "cli/cli_common.h"
#include "cli/commands.h"
#include "cli/run_args.h"
#include "cli/run_inputs.h"
#include "cli/run_progress.h"
#include "cli/run_stats.h"
#include "compiler/driver/frontend.h"
#include "compiler/driver/load.h"
#include "compiler/parse/literals.h"
#include "runtime/engine.h"
#include "runtime/io/json_writer.h"
#include "runtime/io/time_parse.h"
#include "runtime/limits.h"
#include "runtime/output/derived_writer.h"
#include "runtime/reorder_buffer.h"

namespace cep::cli {
namespace {

inline constexpr int kExitBadInput = 3;
inline constexpr int kExitLimit = 4;

// "512MiB", "2GiB", "100000", "64k" -> bytes (binary multiples).
bool ParseBytes(const std::string& text, uint64_t* out) {
  size_t i = 0;
  uint64_t v = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    if (v > UINT64_MAX / 10) return false;
    v = v * 10 + static_cast<uint64_t>(text[i++] - '0');
  }
  if (i == 0) return false;
  std::string unit = text.substr(i);
  uint64_t mult = 1;
  if (unit.empty() || unit == "B") mult = 1;
  else if (unit == "k" || unit == "K" || unit == "KiB" || unit == "KB") mult = uint64_t{1} << 10;
  else if (unit == "M" || unit == "MiB" || unit == "MB") mult = uint64_t{1} << 20;
  else if (unit == "G" || unit == "GiB" || unit == "GB") mult = uint64_t{1} << 30;
  else return false;
  *out = v * mult;
  return true;
}

int RunRun(const RunArgs& args) {
  absl::StatusOr<std::vector<std::string>> files = driver::ExpandRulePaths(args.rules);
  if (!files.ok()) {
    PrintError(files.status());
    return kExitUsage;
  }
  SourceManager sources;
  DiagnosticEngine diags(args.diag.max_errors);
  auto compiled = driver::CompileFiles(*files, sources, diags);
  if (!compiled.ok()) {
    PrintError(compiled.status());
    return kExitUsage;
  }
  if (diags.has_errors() || diags.warning_count() > 0) EmitDiagnostics(sources, diags, args.diag);
  const driver::FrontendResult& r = **compiled;
  if (!r.compiled_ok) return kExitRuleErrors;

  rt::Limits limits = args.limits;
  rt::OverflowPolicy policy;
  if (!ParseBytes(args.max_memory, &limits.max_memory) ||
      !rt::ParseOverflowPolicy(args.on_overflow, &policy)) {
    PrintError("bad --max-memory (e.g. 512MiB) or --on-overflow (drop-oldest, reject-new, fail)");
    return kExitUsage;
  }
  limits.on_runs_overflow = limits.on_partitions_overflow = limits.on_memory_overflow = policy;
  absl::StatusOr<rt::io::EpochUnit> unit = rt::io::ParseEpochUnit(args.time_unit);
  if (!unit.ok()) {
    PrintError(unit.status());
    return kExitUsage;
  }
  int64_t max_delay = 0;
  if (parse::DecodeDuration(args.max_delay, &max_delay).has_value() || max_delay < 0) {
    PrintError("bad --max-delay '" + args.max_delay + "': write a duration such as 5s or 500ms");
    return kExitUsage;
  }
  absl::StatusOr<rt::out::OutputFormat> output_format =
      rt::out::ParseOutputFormat(args.output_format);
  if (!output_format.ok()) {
    PrintError(output_format.status());
    return kExitUsage;
  }

  rt::Engine engine(r.checked, r.nfa, limits);
  std::vector<bool> used_types = ir::UsedInputTypes(r.ir, r.checked.schema.size());
  absl::StatusOr<std::unique_ptr<rt::io::InputMerge>> inputs =
      OpenInputs(args, *unit, r.checked.schema, used_types, &engine.store());
  if (!inputs.ok()) {
    PrintError(inputs.status());
    return kExitUsage;
  }
  rt::io::InputMerge& merge = **inputs;
  const auto& input_sources = merge.sources();

  std::ofstream late_file;
  if (!args.late_output.empty()) {
    late_file.open(args.late_output, std::ios::binary | std::ios::trunc);
    if (!late_file) {
      PrintError("cannot write " + args.late_output);
      return kExitUsage;
    }
  }
  std::ofstream file_out;
  std::ostream* out = &std::cout;
  if (!args.output.empty()) {
    file_out.open(args.output, std::ios::binary | std::ios::trunc);
    if (!file_out) {
      PrintError("cannot write " + args.output);
      return kExitUsage;
    }
    out = &file_out;
  }

  const auto start = std::chrono::steady_clock::now();
  RunCounters counters;
  counters.derived_by_rule.assign(r.checked.rules.size(), 0);
  counters.timeouts_by_rule.assign(r.checked.rules.size(), 0);
  std::unique_ptr<rt::out::DerivedWriter> writer =
      rt::out::NewDerivedWriter(*output_format, r.checked, out);
  engine.SetOutput([&](const rt::DerivedEvent& d) {
    writer->Write(d);
    if (d.rule < counters.derived_by_rule.size()) {
      ++counters.derived_by_rule[d.rule];
      if (d.timeout) ++counters.timeouts_by_rule[d.rule];
    }
  });

  Progress progress(args.quiet ? "never" : args.progress, &merge);
  // Everything said on stderr during the run goes through here, so it does
  // not mix with the progress bar.
  auto say = [&progress](const std::string& message) {
    progress.Clear();
    std::cerr << message << "\n";
  };
  uint64_t bad = 0;
  bool failed = false;
  rt::ReorderBuffer reorder(max_delay);
  auto push = [&engine](rt::Event* e) { engine.Push(e); };
  std::string late_line;

  rt::io::SourceRecord record;
  while (!failed && engine.status().ok() && merge.Next(&record)) {
    progress.Tick();
    if (record.event == nullptr) {
      ++bad;
      if (bad <= args.max_bad_reports) {
        say(rt::io::FormatLineError(input_sources[record.source]->name(), record.error));
      }
      if (args.on_error == "fail") failed = true;
      continue;
    }
    rt::Event* e = record.event;
    if (!reorder.Add(e)) {
      // Late: older than the watermark (the newest time seen minus --max-delay).
      ++counters.late;
      if (late_file.is_open()) {
        late_line.clear();
        rt::io::AppendEventJson(*e, r.checked.schema.type(e->type), &late_line);
        late_line.push_back('\n');
        late_file.write(late_line.data(), static_cast<std::streamsize>(late_line.size()));
      } else if (counters.late <= args.max_bad_reports) {
        say(input_sources[e->source]->name() + ":" + std::to_string(e->input_line) +
            ": late event: time " + rt::io::FormatRfc3339(e->time) +
            " is more than --max-delay before the newest time seen; dropped (see --late-output)");
      }
      engine.store().Release(e);
      continue;
    }
    reorder.Release(push);
    engine.AdvanceTime(reorder.watermark());
  }
  counters.reorder_peak = reorder.peak();
  if (args.no_flush) {
    // Keep pending state: nothing buffered is processed, no timer fires.
    counters.flushed = false;
    counters.pending_buffered = reorder.buffered();
    counters.pending_runs = engine.live_waiters();
    counters.pending_partitions = engine.live_partitions();
    reorder.Flush([&engine](rt::Event* e) { engine.store().Release(e); });
  } else {
    reorder.Flush(push);  // after a limit failure the engine just releases them
    engine.Finish();
  }
  progress.Finish();
  counters.elapsed_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  bool limited = !engine.status().ok();
  if (limited) PrintError(engine.status());
  out->flush();
  for (const auto& source : input_sources) {
    if (!source->status().ok()) {
      PrintError(source->status());
      return kExitUsage;
    }
  }
  if (bad > args.max_bad_reports) {
    std::cerr << "cep: " << bad << " bad records in all (" << args.max_bad_reports
              << " shown)\n";
  }
  if (counters.late > args.max_bad_reports && !late_file.is_open()) {
    std::cerr << "cep: " << counters.late << " late events dropped in all\n";
  }
  if (!args.stats.empty()) {
    StatsInput stats;
    stats.program = &r.checked;
    stats.sources = &input_sources;
    stats.engine = &engine.stats();
    stats.counters = &counters;
    if (args.stats == "json") {
      PrintStatsJson(stats, std::cerr);
    } else {
      PrintStatsText(stats, std::cerr);
    }
  }
  if (limited) return kExitLimit;
  return failed ? kExitBadInput : kExitOk;
}

}  // namespace

void RegisterRun(CLI::App& app, SetAction set_action) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* cmd = app.add_subcommand(
      "run", "Run rules over events (JSON Lines, CSV, CloudEvents); write derived events");
  AddRunOptions(cmd, args.get());
  cmd->callback([args, set_action] { set_action([args] { return RunRun(*args); }); });
}

}  // namespace cep::cli
