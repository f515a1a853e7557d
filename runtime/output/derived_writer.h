// DerivedWriter: writes the derived events of `cep run` in one of the output
// formats, one event at a time as the engine hands them out:
//
//   jsonl        JSON Lines (runtime/derived_json.h): type, time, rule, the
//                fields, `events` (the bindings' sequence numbers)
//   cloudevents  CloudEvents 1.0 structured JSON, one per line
//                (cloudevents_writer.h)
//   table        aligned columns for a terminal (table_writer.h)
//
// Every format is deterministic: the same input gives the same bytes.
// Tested by tests/unit/output_writer_test.cc and the golden runs.
#ifndef CEP_RUNTIME_OUTPUT_DERIVED_WRITER_H_
#define CEP_RUNTIME_OUTPUT_DERIVED_WRITER_H_

#include <memory>
#include <ostream>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "compiler/check/checked_program.h"
#include "runtime/engine.h"

namespace cep::rt::out {

enum class OutputFormat : uint8_t { kJsonLines, kCloudEvents, kTable };

// "jsonl" (also "json", "ndjson"), "cloudevents" (also "ce"), "table".
absl::StatusOr<OutputFormat> ParseOutputFormat(std::string_view name);

class DerivedWriter {
 public:
  virtual ~DerivedWriter();
  virtual void Write(const DerivedEvent& derived) = 0;
};

// A writer of `format` to `out`. `program` (and `out`) must outlive it.
std::unique_ptr<DerivedWriter> NewDerivedWriter(OutputFormat format,
                                                const check::CheckedProgram& program,
                                                std::ostream* out);

}  // namespace cep::rt::out

#endif  // CEP_RUNTIME_OUTPUT_DERIVED_WRITER_H_
