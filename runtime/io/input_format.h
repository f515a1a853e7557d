// The input formats `cep run` reads, and how a file's name picks one:
//
//   *.csv                                   CSV with a header row
//   *.ce.jsonl, *.ce.ndjson, *.ce.json,
//   *.cloudevents.jsonl, *.cloudevents.json CloudEvents (structured JSON)
//   *.jsonl, *.ndjson, *.json               JSON Lines
//   anything else, and "-" (stdin)          JSON Lines
//
// Matching ignores letter case. `--input-format` overrides it for every
// input.
// Tested by tests/unit/io_input_test.cc.
#ifndef CEP_RUNTIME_IO_INPUT_FORMAT_H_
#define CEP_RUNTIME_IO_INPUT_FORMAT_H_

#include <string_view>

#include "absl/status/statusor.h"

namespace cep::rt::io {

enum class InputFormat : uint8_t { kJsonLines, kCsv, kCloudEvents };

// "jsonl" (also "json", "ndjson"), "csv", "cloudevents" (also "ce").
absl::StatusOr<InputFormat> ParseInputFormat(std::string_view name);
// "jsonl", "csv", "cloudevents".
const char* InputFormatName(InputFormat format);
// The format a file name stands for (see above).
InputFormat FormatFromPath(std::string_view path);

}  // namespace cep::rt::io

#endif  // CEP_RUNTIME_IO_INPUT_FORMAT_H_
