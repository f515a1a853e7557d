// The inputs of `cep run`: every --input (standard input when none) opened
// as an event source of its format (--input-format, else the file's
// extension), merged by event time. A missing or unreadable file, a CSV
// header without a type or time column, or stdin named twice is an error
// before any event is read (the CLI exits 2).
#ifndef CEP_CLI_RUN_INPUTS_H_
#define CEP_CLI_RUN_INPUTS_H_

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "cli/run_args.h"
#include "compiler/check/schema.h"
#include "runtime/event.h"
#include "runtime/io/input_merge.h"
#include "runtime/io/time_parse.h"

namespace cep::cli {

absl::StatusOr<std::unique_ptr<rt::io::InputMerge>> OpenInputs(
    const RunArgs& args, rt::io::EpochUnit unit, const check::Schema& schema,
    const std::vector<bool>& used_types, rt::EventStore* store);

}  // namespace cep::cli

#endif  // CEP_CLI_RUN_INPUTS_H_
