// `cep run RULES... [--input FILE|-] [-o FILE]`: compile the rules, read JSON
// Lines events (standard input by default), run every pattern rule and write
// the derived events as JSON Lines (runtime/derived_json.h).
//
// Bad input never stops the good: a malformed line, an unknown field type, a
// missing field or time is reported as `file:line: ...` (the first
// --max-bad-reports of them), counted, and skipped; with --on-error=fail the
// run stops at the first one, after flushing what was already derived, and
// exits 3. Events out of time order by up to --max-delay (default 5s) are put back in
// order; older ones are late: counted, and reported or written to
// --late-output, never silently dropped. Limits (--max-runs-per-partition, --max-partitions, --max-memory)
// shed state by --on-overflow, counted in --stats. Exit codes: 0 ok, 1 errors
// in the rules, 2 usage or I/O, 3 bad input with --on-error=fail, 4 a limit
// was reached with --on-overflow=fail.
#include <cstdio>
#include <fstream>
#include <iostream>

#include "cli/cli_common.h"
#include "cli/commands.h"
#include "compiler/driver/frontend.h"
#include "compiler/driver/load.h"
#include "runtime/derived_json.h"
#include "runtime/engine.h"
#include "runtime/limits.h"
#include "runtime/reorder_buffer.h"
#include "runtime/io/json_writer.h"
#include "compiler/parse/literals.h"
#include "runtime/io/jsonl_reader.h"
#include "runtime/io/line_reader.h"
#include "runtime/io/time_parse.h"

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

struct RunArgs {
  std::vector<std::string> rules;
  std::string input = "-";
  std::string output;
  std::string on_error = "skip";
  std::string time_unit = "auto";
  uint32_t max_bad_reports = 10;
  bool stats = false;
  rt::Limits limits;
  std::string max_memory = "0";
  std::string on_overflow = "drop-oldest";
  std::string max_delay = "5s";
  std::string late_output;
  DiagOptions diag;
};

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
  for (const check::CheckedRule& rule : r.checked.rules) {
    if (!rule.is_pattern && rule.rule != nullptr) {
      std::cerr << "cep: warning: rule '" << rule.rule->name.text
                << "' is a 'from' rule: windowed and filter rules are checked but not run yet\n";
    }
  }
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
  std::ofstream late_file;
  if (!args.late_output.empty()) {
    late_file.open(args.late_output, std::ios::binary | std::ios::trunc);
    if (!late_file) {
      PrintError("cannot write " + args.late_output);
      return kExitUsage;
    }
  }
  auto lines = rt::io::LineReader::Open(args.input);
  if (!lines.ok()) {
    PrintError(lines.status());
    return kExitUsage;
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

  rt::Engine engine(r.checked, r.nfa, limits);
  std::string buffer;
  engine.SetOutput([&](const rt::DerivedEvent& d) {
    buffer.clear();
    rt::AppendDerivedJson(d, r.checked.schema, &buffer);
    buffer.push_back('\n');
    out->write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  });

  rt::io::JsonLinesOptions options;
  options.epoch_unit = *unit;
  options.used_types.assign(r.checked.schema.size(), false);
  for (const ir::RuleIR& rule : r.ir.rules) {
    for (EventTypeId t : rule.input_types) options.used_types[t] = true;
  }
  rt::io::JsonLinesReader reader(r.checked.schema, options);
  rt::EventBuilder builder;
  const std::string& name = (*lines)->name();
  uint64_t bad = 0, late = 0;
  bool failed = false;
  rt::ReorderBuffer reorder(max_delay);
  auto push = [&engine](rt::Event* e) { engine.Push(e); };
  std::string late_line;
  auto report_bad = [&](const std::string& message) {
    ++bad;
    if (bad <= args.max_bad_reports) std::cerr << message << "\n";
    if (args.on_error == "fail") failed = true;
  };

  rt::io::Line line;
  while (!failed && engine.status().ok() && (*lines)->Next(&line)) {
    if (line.too_long) {
      report_bad(name + ":" + std::to_string(line.number) + ": " +
                 rt::io::TooLongLineMessage(line, rt::io::LineReaderOptions().max_line_bytes));
      continue;
    }
    rt::io::ParseResult parsed = reader.ParsePaddedLine(line.text, line.number, builder);
    if (parsed.outcome == rt::io::LineOutcome::kBad) {
      report_bad(rt::io::FormatLineError(name, parsed.error));
      continue;
    }
    if (parsed.outcome != rt::io::LineOutcome::kEvent) continue;
    rt::Event* e = builder.Build(engine.store());
    e->input_line = static_cast<uint32_t>(line.number);
    if (!reorder.Add(e)) {
      // Late: older than the watermark (the newest time seen minus --max-delay).
      ++late;
      if (late_file.is_open()) {
        late_line.clear();
        rt::io::AppendEventJson(*e, r.checked.schema.type(e->type), &late_line);
        late_line.push_back('\n');
        late_file.write(late_line.data(), static_cast<std::streamsize>(late_line.size()));
      } else if (late <= args.max_bad_reports) {
        std::cerr << name << ":" << line.number << ": late event: time "
                  << rt::io::FormatRfc3339(e->time) << " is more than --max-delay before "
                  << "the newest time seen; dropped (see --late-output)\n";
      }
      engine.store().Release(e);
      continue;
    }
    reorder.Release(push);
    engine.AdvanceTime(reorder.watermark());
  }
  reorder.Flush(push);  // after a limit failure the engine just releases them
  engine.Finish();
  bool limited = !engine.status().ok();
  if (limited) PrintError(engine.status());
  out->flush();
  if (!(*lines)->status().ok()) {
    PrintError((*lines)->status());
    return kExitUsage;
  }
  if (bad > args.max_bad_reports) {
    std::cerr << "cep: " << bad << " bad lines in all (" << args.max_bad_reports << " shown)\n";
  }
  if (late > args.max_bad_reports && !late_file.is_open()) {
    std::cerr << "cep: " << late << " late events dropped in all\n";
  }
  if (args.stats) {
    const rt::EngineStats& s = engine.stats();
    std::cerr << "cep: events in " << s.events_in << ", derived " << s.events_derived
              << ", bad " << bad << ", late " << late << ", peak state " << s.peak_memory
              << " bytes, memory sheds " << s.memory_sheds << "\n";
    for (const rt::RuleStats& rs : s.rules) {
      std::cerr << "cep: rule " << rs.name << ": " << rs.matches << " matches, " << rs.timeouts
                << " timeouts, peak " << rs.peak_runs << " runs / " << rs.peak_partitions
                << " partitions, shed " << rs.runs_shed << " runs\n";
    }
  }
  if (limited) return kExitLimit;
  return failed ? kExitBadInput : kExitOk;
}

}  // namespace

void RegisterRun(CLI::App& app, SetAction set_action) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* cmd = app.add_subcommand("run", "Run rules over JSON Lines events; write derived events");
  cmd->add_option("rules", args->rules, "Rule files or directories")->required();
  cmd->add_option("-i,--input", args->input, "JSON Lines input file ('-': standard input)")
      ->capture_default_str();
  cmd->add_option("-o,--output", args->output, "Write derived events here instead of stdout");
  cmd->add_option("--on-error", args->on_error,
                  "Bad input lines: skip (report, count, go on) or fail (stop, exit 3)")
      ->check(CLI::IsMember({"skip", "fail"}))
      ->capture_default_str();
  cmd->add_option("--time-unit", args->time_unit,
                  "Unit of numeric times: auto (by magnitude), s, ms, us, ns")
      ->capture_default_str();
  cmd->add_option("--max-delay", args->max_delay,
                  "How far out of time order events may arrive (reordered); older ones are late")
      ->capture_default_str();
  cmd->add_option("--late-output", args->late_output,
                  "Write late events here (JSON Lines) instead of reporting them");
  cmd->add_option("--max-bad-reports", args->max_bad_reports,
                  "Report at most this many bad or late lines (all are counted)")
      ->capture_default_str();
  cmd->add_flag("--stats", args->stats, "Print counters to stderr at the end");
  cmd->add_option("--max-runs-per-partition", args->limits.max_runs_per_partition,
                  "Partial matches per partition and rule (0: no limit)")
      ->capture_default_str();
  cmd->add_option("--max-partitions", args->limits.max_partitions,
                  "Live partitions per rule (0: no limit)")
      ->capture_default_str();
  cmd->add_option("--max-memory", args->max_memory,
                  "Bytes of matcher state, e.g. 512MiB (0: no limit)")
      ->capture_default_str();
  cmd->add_option("--on-overflow", args->on_overflow,
                  "When a limit is reached: drop-oldest, reject-new, or fail (exit 4)")
      ->capture_default_str();
  AddDiagOptions(cmd, &args->diag);
  cmd->callback([args, set_action] { set_action([args] { return RunRun(*args); }); });
}

}  // namespace cep::cli
