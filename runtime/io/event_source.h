// EventSource: one input of `cep run` — a file or standard input in one of
// the input formats (input_format.h) — read record by record into events in
// the engine's store. Blank records and records of types no rule reads are
// only counted (stats()); what a source hands out is an event or a bad
// record. InputMerge (input_merge.h) merges several sources by event time.
//
// OpenEventSource opens the file ("-": standard input) and, for CSV, reads
// its header, so a missing file or a header without a type or time column
// is an error before any event is read (exit 2 in the CLI).
//
// Tested by tests/unit/io_input_test.cc (and each reader's own test).
#ifndef CEP_RUNTIME_IO_EVENT_SOURCE_H_
#define CEP_RUNTIME_IO_EVENT_SOURCE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "compiler/check/schema.h"
#include "runtime/event.h"
#include "runtime/io/input_format.h"
#include "runtime/io/line_reader.h"
#include "runtime/io/parse_result.h"
#include "runtime/io/reader_stats.h"
#include "runtime/io/time_parse.h"

namespace cep::rt::io {

struct SourceOptions {
  // The type field (JSON Lines) or column (CSV). CSV falls back to
  // "event_type" unless `type_field_given`. CloudEvents use their `type`.
  std::string type_field = "type";
  bool type_field_given = false;
  // The time fields / columns, tried in order (CloudEvents: in `data`, when
  // there is no `time` attribute).
  std::vector<std::string> time_fields = {"time", "ts"};
  EpochUnit epoch_unit = EpochUnit::kAuto;
  bool strict = false;
  std::vector<bool> used_types;  // see InputTypes
  LineReaderOptions lines;
};

// What Next() hands out: an event, or a bad record.
struct SourceRecord {
  Event* event = nullptr;  // built in the store (refs 1), input_line and source set
  uint32_t source = 0;     // the input's index
  LineError error;         // when event is null
};

class EventSource {
 public:
  virtual ~EventSource();
  EventSource(const EventSource&) = delete;
  EventSource& operator=(const EventSource&) = delete;

  // The next event or bad record; false at the end of the input or after a
  // read error (status()).
  virtual bool Next(SourceRecord* out) = 0;
  virtual const ReaderStats& stats() const = 0;
  virtual InputFormat format() const = 0;

  const std::string& name() const { return lines_->name(); }
  uint32_t index() const { return index_; }
  uint64_t bytes_read() const { return lines_->bytes_read(); }
  uint64_t total_bytes() const { return lines_->total_bytes(); }
  const absl::Status& status() const { return lines_->status(); }

 protected:
  EventSource(std::unique_ptr<LineReader> lines, uint32_t index, EventStore* store)
      : lines_(std::move(lines)), index_(index), store_(store) {}
  // An event from the builder, stamped with its origin.
  Event* BuildEvent(uint64_t line) {
    Event* e = builder_.Build(*store_);
    e->input_line = static_cast<uint32_t>(line);
    e->source = index_;
    return e;
  }
  void SetBad(SourceRecord* out, LineError error) {
    out->event = nullptr;
    out->source = index_;
    out->error = std::move(error);
  }

  std::unique_ptr<LineReader> lines_;
  uint32_t index_;
  EventStore* store_;  // where events are built (the engine's)
  EventBuilder builder_;
};

// Opens `path` ("-": standard input) as input number `index`; its events
// are built in `store`, which must outlive the source.
absl::StatusOr<std::unique_ptr<EventSource>> OpenEventSource(const std::string& path,
                                                             InputFormat format, uint32_t index,
                                                             EventStore* store,
                                                             const check::Schema& schema,
                                                             const SourceOptions& options);
// The same over an open LineReader (tests, fuzzers).
absl::StatusOr<std::unique_ptr<EventSource>> MakeEventSource(std::unique_ptr<LineReader> lines,
                                                             InputFormat format, uint32_t index,
                                                             EventStore* store,
                                                             const check::Schema& schema,
                                                             const SourceOptions& options);

// One per format (jsonl_source.cc, csv_source.cc, cloudevents_source.cc).
std::unique_ptr<EventSource> NewJsonLinesSource(std::unique_ptr<LineReader> lines,
                                                uint32_t index, EventStore* store,
                                                const check::Schema& schema,
                                                const SourceOptions& options);
absl::StatusOr<std::unique_ptr<EventSource>> NewCsvSource(std::unique_ptr<LineReader> lines,
                                                          uint32_t index, EventStore* store,
                                                          const check::Schema& schema,
                                                          const SourceOptions& options);
std::unique_ptr<EventSource> NewCloudEventsSource(std::unique_ptr<LineReader> lines,
                                                  uint32_t index, EventStore* store,
                                                  const check::Schema& schema,
                                                  const SourceOptions& options);

}  // namespace cep::rt::io

#endif  // CEP_RUNTIME_IO_EVENT_SOURCE_H_
