// Opening an input by format (see event_source.h).
// Tested by tests/unit/io_input_test.cc.
#include "runtime/io/event_source.h"

namespace cep::rt::io {

EventSource::~EventSource() = default;

absl::StatusOr<std::unique_ptr<EventSource>> OpenEventSource(const std::string& path,
                                                             InputFormat format, uint32_t index,
                                                             EventStore* store,
                                                             const check::Schema& schema,
                                                             const SourceOptions& options) {
  absl::StatusOr<std::unique_ptr<LineReader>> lines = LineReader::Open(path, options.lines);
  if (!lines.ok()) return lines.status();
  return MakeEventSource(std::move(*lines), format, index, store, schema, options);
}

absl::StatusOr<std::unique_ptr<EventSource>> MakeEventSource(std::unique_ptr<LineReader> lines,
                                                             InputFormat format, uint32_t index,
                                                             EventStore* store,
                                                             const check::Schema& schema,
                                                             const SourceOptions& options) {
  switch (format) {
    case InputFormat::kJsonLines:
      return NewJsonLinesSource(std::move(lines), index, store, schema, options);
    case InputFormat::kCsv:
      return NewCsvSource(std::move(lines), index, store, schema, options);
    case InputFormat::kCloudEvents:
      return NewCloudEventsSource(std::move(lines), index, store, schema, options);
  }
  return absl::InternalError("unknown input format");
}

}  // namespace cep::rt::io
