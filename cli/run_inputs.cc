// Opening the inputs of `cep run` (see run_inputs.h).
#include "cli/run_inputs.h"

#include "runtime/io/event_source.h"
#include "runtime/io/input_format.h"

namespace cep::cli {

absl::StatusOr<std::unique_ptr<rt::io::InputMerge>> OpenInputs(
    const RunArgs& args, rt::io::EpochUnit unit, const check::Schema& schema,
    const std::vector<bool>& used_types, rt::EventStore* store) {
  rt::io::SourceOptions options;
  options.type_field = args.type_field;
  options.type_field_given = args.type_field_option != nullptr && args.type_field_option->count() > 0;
  if (!args.time_fields.empty()) options.time_fields = args.time_fields;
  options.epoch_unit = unit;
  options.strict = args.strict;
  options.used_types = used_types;

  std::vector<std::string> paths = args.inputs;
  if (paths.empty()) paths.push_back("-");
  size_t stdin_count = 0;
  for (const std::string& p : paths) stdin_count += p == "-";
  if (stdin_count > 1) {
    return absl::InvalidArgumentError("standard input ('-') is given more than once");
  }
  std::vector<std::unique_ptr<rt::io::EventSource>> sources;
  for (size_t i = 0; i < paths.size(); ++i) {
    rt::io::InputFormat format = rt::io::FormatFromPath(paths[i]);
    if (!args.input_format.empty()) {
      absl::StatusOr<rt::io::InputFormat> given = rt::io::ParseInputFormat(args.input_format);
      if (!given.ok()) return given.status();
      format = *given;
    }
    absl::StatusOr<std::unique_ptr<rt::io::EventSource>> source = rt::io::OpenEventSource(
        paths[i], format, static_cast<uint32_t>(i), store, schema, options);
    if (!source.ok()) return source.status();
    sources.push_back(std::move(*source));
  }
  return std::make_unique<rt::io::InputMerge>(std::move(sources), store);
}

}  // namespace cep::cli
