// Output formats by name, the JSON Lines writer, and the factory (see
// derived_writer.h).
// Tested by tests/unit/output_writer_test.cc.
#include "runtime/output/derived_writer.h"

#include "absl/status/status.h"
#include "compiler/util/strcat.h"
#include "runtime/derived_json.h"
#include "runtime/output/cloudevents_writer.h"
#include "runtime/output/table_writer.h"

namespace cep::rt::out {
namespace {

class JsonLinesWriter : public DerivedWriter {
 public:
  JsonLinesWriter(const check::Schema& schema, std::ostream* out) : schema_(schema), out_(out) {}

  void Write(const DerivedEvent& derived) override {
    line_.clear();
    AppendDerivedJson(derived, schema_, &line_);
    line_.push_back('\n');
    out_->write(line_.data(), static_cast<std::streamsize>(line_.size()));
  }

 private:
  const check::Schema& schema_;
  std::ostream* out_;
  std::string line_;  // reused: no allocation per event
};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

DerivedWriter::~DerivedWriter() = default;

absl::StatusOr<OutputFormat> ParseOutputFormat(std::string_view name) {
  const std::string n = Lower(name);
  if (n == "jsonl" || n == "json" || n == "ndjson") return OutputFormat::kJsonLines;
  if (n == "cloudevents" || n == "ce") return OutputFormat::kCloudEvents;
  if (n == "table") return OutputFormat::kTable;
  return absl::InvalidArgumentError(
      StrCat("unknown output format '", name, "' (expected jsonl, cloudevents or table)"));
}

std::unique_ptr<DerivedWriter> NewDerivedWriter(OutputFormat format,
                                                const check::CheckedProgram& program,
                                                std::ostream* out) {
  switch (format) {
    case OutputFormat::kJsonLines:
      return std::make_unique<JsonLinesWriter>(program.schema, out);
    case OutputFormat::kCloudEvents:
      return std::make_unique<CloudEventsWriter>(program.schema, out);
    case OutputFormat::kTable:
      return std::make_unique<TableWriter>(program, out);
  }
  return nullptr;
}

}  // namespace cep::rt::out
