// The options of `cep run` (registered by AddRunOptions), as parsed by
// CLI11. cmd_run.cc turns them into the engine, inputs and output.
#ifndef CEP_CLI_RUN_ARGS_H_
#define CEP_CLI_RUN_ARGS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "cli/cli_common.h"
#include "runtime/limits.h"

namespace cep::cli {

struct RunArgs {
  std::vector<std::string> rules;
  std::vector<std::string> inputs;  // --input, repeated; empty: standard input
  std::string input_format;         // empty: from each file's extension
  std::string output;
  std::string output_format = "jsonl";
  std::string on_error = "skip";
  std::string time_unit = "auto";
  std::string type_field = "type";
  std::vector<std::string> time_fields;  // empty: time, then ts
  bool strict = false;
  bool no_flush = false;
  uint32_t max_bad_reports = 10;
  std::string stats;              // "", "text" or "json"
  std::string progress = "auto";  // auto | always | never
  bool quiet = false;
  rt::Limits limits;
  std::string max_memory = "0";
  std::string on_overflow = "drop-oldest";
  std::string max_delay = "5s";
  std::string late_output;
  DiagOptions diag;
  // Set by CLI11: whether --type-field was given (CSV falls back to
  // event_type only when it was not).
  CLI::Option* type_field_option = nullptr;
};

void AddRunOptions(CLI::App* cmd, RunArgs* args);

}  // namespace cep::cli

#endif  // CEP_CLI_RUN_ARGS_H_
