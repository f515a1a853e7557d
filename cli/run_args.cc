// The options of `cep run` (see run_args.h; documented in docs/input.md).
#include "cli/run_args.h"

namespace cep::cli {

void AddRunOptions(CLI::App* cmd, RunArgs* args) {
  cmd->add_option("rules", args->rules, "Rule files or directories")->required();
  cmd->add_option("-i,--input", args->inputs,
                  "Input file ('-': standard input, the default); repeat for several inputs, "
                  "merged by event time");
  cmd->add_option("--input-format", args->input_format,
                  "jsonl, csv or cloudevents (default: from each file's extension)")
      ->check(CLI::IsMember({"jsonl", "json", "ndjson", "csv", "cloudevents", "ce"}));
  cmd->add_option("-o,--output", args->output, "Write derived events here instead of stdout");
  cmd->add_option("--output-format", args->output_format,
                  "Derived events as jsonl, cloudevents or table")
      ->check(CLI::IsMember({"jsonl", "json", "ndjson", "cloudevents", "ce", "table"}))
      ->capture_default_str();
  args->type_field_option =
      cmd->add_option("--type-field", args->type_field,
                      "The field (JSON Lines) or column (CSV) naming the event type; CSV falls "
                      "back to event_type")
          ->capture_default_str();
  cmd->add_option("--time-field", args->time_fields,
                  "The field or column with the event time; repeat for fallbacks (default: "
                  "time, then ts)");
  cmd->add_option("--time-unit", args->time_unit,
                  "Unit of numeric times: auto (by magnitude), s, ms, us, ns")
      ->capture_default_str();
  cmd->add_flag("--strict", args->strict,
                "Fields the event type does not declare make the event bad");
  cmd->add_option("--on-error", args->on_error,
                  "Bad input records: skip (report, count, go on) or fail (stop, exit 3)")
      ->check(CLI::IsMember({"skip", "fail"}))
      ->capture_default_str();
  cmd->add_option("--max-bad-reports", args->max_bad_reports,
                  "Report at most this many bad or late records (all are counted)")
      ->capture_default_str();
  cmd->add_option("--max-delay", args->max_delay,
                  "How far out of time order events may arrive (reordered); older ones are late")
      ->capture_default_str();
  cmd->add_option("--late-output", args->late_output,
                  "Write late events here (JSON Lines) instead of reporting them");
  cmd->add_flag("--no-flush", args->no_flush,
                "At the end of input keep pending state: release no buffered event, fire no "
                "timer");
  cmd->add_flag("--stats{text}", args->stats,
                "Print counters to stderr at the end; --stats=json for one JSON object")
      ->check(CLI::IsMember({"text", "json"}))
      ->option_text("[=text|json]");
  cmd->add_option("--progress", args->progress,
                  "Progress bar on stderr: auto (file input, stderr a terminal), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  cmd->add_flag("-q,--quiet", args->quiet, "No progress bar");
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
}

}  // namespace cep::cli
