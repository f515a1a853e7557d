// The JSON Lines input: LineReader lines parsed in place by JsonLinesReader
// (see event_source.h and jsonl_reader.h).
// Tested by tests/unit/io_input_test.cc.
#include "runtime/io/event_source.h"
#include "runtime/io/jsonl_reader.h"

namespace cep::rt::io {
namespace {

class JsonLinesSource : public EventSource {
 public:
  JsonLinesSource(std::unique_ptr<LineReader> lines, uint32_t index, EventStore* store,
                  const check::Schema& schema,
                  const SourceOptions& options)
      : EventSource(std::move(lines), index, store), reader_(schema, ReaderOptions(options)) {}

  bool Next(SourceRecord* out) override {
    Line line;
    while (lines_->Next(&line)) {
      if (line.too_long) {
        ++reader_.mutable_stats().bad;
        SetBad(out, {line.number, {}, TooLongLineMessage(line, lines_->max_line_bytes())});
        return true;
      }
      ParseResult parsed = reader_.ParsePaddedLine(line.text, line.number, builder_);
      if (parsed.outcome == LineOutcome::kBad) {
        SetBad(out, std::move(parsed.error));
        return true;
      }
      if (parsed.outcome != LineOutcome::kEvent) continue;
      out->event = BuildEvent(line.number);
      out->source = index_;
      return true;
    }
    return false;
  }

  const ReaderStats& stats() const override { return reader_.stats(); }
  InputFormat format() const override { return InputFormat::kJsonLines; }

 private:
  static JsonLinesOptions ReaderOptions(const SourceOptions& options) {
    JsonLinesOptions out;
    out.type_field = options.type_field;
    out.time_fields = options.time_fields;
    out.epoch_unit = options.epoch_unit;
    out.strict = options.strict;
    out.used_types = options.used_types;
    return out;
  }

  JsonLinesReader reader_;
};

}  // namespace

std::unique_ptr<EventSource> NewJsonLinesSource(std::unique_ptr<LineReader> lines,
                                                uint32_t index, EventStore* store,
                                                const check::Schema& schema,
                                                const SourceOptions& options) {
  return std::make_unique<JsonLinesSource>(std::move(lines), index, store, schema, options);
}

}  // namespace cep::rt::io
