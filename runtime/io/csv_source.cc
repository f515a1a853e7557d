// The CSV input: records (csv_record_reader.h) parsed by CsvReader, the
// first one as the header (see event_source.h and csv_reader.h).
// Tested by tests/unit/io_csv_test.cc and io_input_test.cc.
#include "compiler/util/strcat.h"
#include "runtime/io/csv_reader.h"
#include "runtime/io/csv_record_reader.h"
#include "runtime/io/event_source.h"

namespace cep::rt::io {
namespace {

CsvOptions ReaderOptions(const SourceOptions& options) {
  CsvOptions out;
  out.type_fields = {options.type_field};
  if (!options.type_field_given && options.type_field != "event_type") {
    out.type_fields.push_back("event_type");
  }
  out.time_fields = options.time_fields;
  out.epoch_unit = options.epoch_unit;
  out.strict = options.strict;
  out.used_types = options.used_types;
  return out;
}

// A record the record reader could not make whole, as a bad record.
LineError RecordProblem(const CsvRecord& record, size_t max_line_bytes) {
  LineError error;
  error.line = record.line;
  if (record.problem == CsvRecord::Problem::kTooLong) {
    Line line;
    line.length = record.length;
    error.message = TooLongLineMessage(line, max_line_bytes);
  } else {
    error.message = StrCat("unterminated quoted field: the quote at line ", record.quote_line,
                           ", column ", record.quote_column,
                           " is never closed; the lines after this one are read again as "
                           "records");
  }
  return error;
}

class CsvSource : public EventSource {
 public:
  CsvSource(std::unique_ptr<LineReader> lines, uint32_t index, EventStore* store,
            const check::Schema& schema,
            const SourceOptions& options)
      : EventSource(std::move(lines), index, store),
        records_(*lines_, ',', lines_->max_line_bytes()),
        reader_(schema, ReaderOptions(options)) {}

  // Reads up to the header. An empty input has none (and no events).
  absl::Status ReadHeader() {
    CsvRecord record;
    while (records_.Next(&record)) {
      if (record.problem == CsvRecord::Problem::kNone && record.text.find_first_not_of(" \t") ==
                                                             std::string_view::npos) {
        continue;  // blank lines before the header
      }
      absl::Status status =
          record.problem == CsvRecord::Problem::kNone
              ? reader_.ParseHeader(record.text)
              : absl::InvalidArgumentError(
                    StrCat("header: ", RecordProblem(record, lines_->max_line_bytes()).message));
      if (!status.ok()) {
        return absl::InvalidArgumentError(
            StrCat(name(), ":", record.line, ": ", std::string(status.message())));
      }
      return absl::OkStatus();
    }
    return lines_->status();
  }

  bool Next(SourceRecord* out) override {
    if (!reader_.has_header()) return false;
    CsvRecord record;
    while (records_.Next(&record)) {
      if (record.problem != CsvRecord::Problem::kNone) {
        ++reader_.mutable_stats().bad;
        SetBad(out, RecordProblem(record, lines_->max_line_bytes()));
        return true;
      }
      ParseResult parsed = reader_.ParseRecord(record.text, record.line, builder_);
      if (parsed.outcome == LineOutcome::kBad) {
        SetBad(out, std::move(parsed.error));
        return true;
      }
      if (parsed.outcome != LineOutcome::kEvent) continue;
      out->event = BuildEvent(record.line);
      out->source = index_;
      return true;
    }
    return false;
  }

  const ReaderStats& stats() const override { return reader_.stats(); }
  InputFormat format() const override { return InputFormat::kCsv; }

 private:
  CsvRecordReader records_;
  CsvReader reader_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<EventSource>> NewCsvSource(std::unique_ptr<LineReader> lines,
                                                          uint32_t index, EventStore* store,
                                                          const check::Schema& schema,
                                                          const SourceOptions& options) {
  auto source = std::make_unique<CsvSource>(std::move(lines), index, store, schema, options);
  if (absl::Status status = source->ReadHeader(); !status.ok()) return status;
  return std::unique_ptr<EventSource>(std::move(source));
}

}  // namespace cep::rt::io
