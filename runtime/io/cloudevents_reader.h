// CloudEventsReader: CloudEvents 1.0 in structured mode (JSON) to events of
// the schema. One JSON text — a line, or a whole document — holds one
// CloudEvent (an object) or a batch (an array of them,
// application/cloudevents-batch+json).
//
// For each CloudEvent:
// - `type` names the event type (skipped and counted if no rule reads it or
//   it names no input type, before anything else is checked);
// - `specversion` ("1.0"), `id` and `source` are required, as the
//   specification says; other attributes (`subject`, `dataschema`,
//   extensions) are allowed;
// - the time is the `time` attribute (RFC 3339; an epoch number is accepted
//   too); without one, the first of `time_fields` in `data`;
// - the members of `data` (a JSON object) are the event's fields, read and
//   coerced exactly as JSON Lines fields (json_object_reader.h); `data`
//   absent or null gives no fields; `datacontenttype`, if present, must be
//   JSON (application/json, text/json or a "+json" type); `data_base64` is
//   not supported;
// - a declared field named `id`, `source` or `subject` that `data` does not
//   give takes that attribute's value (so rules can partition by source);
// - `strict` makes unknown members of `data` bad (attributes never are).
// A bad CloudEvent in a batch costs only itself ("batch element 3: ..."),
// unless the JSON itself is malformed: then the rest of that batch is lost
// with one message. The error line is the line where the element starts.
//
// Tested by tests/unit/io_cloudevents_test.cc.
#ifndef CEP_RUNTIME_IO_CLOUDEVENTS_READER_H_
#define CEP_RUNTIME_IO_CLOUDEVENTS_READER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/functional/function_ref.h"
#include "compiler/check/schema.h"
#include "runtime/event.h"
#include "runtime/io/input_types.h"
#include "runtime/io/parse_result.h"
#include "runtime/io/reader_stats.h"
#include "runtime/io/time_parse.h"

namespace cep::rt::io {

struct CloudEventsOptions {
  // Members of `data` that give the time when there is no `time` attribute.
  std::vector<std::string> time_fields = {"time", "ts"};
  EpochUnit epoch_unit = EpochUnit::kAuto;
  bool strict = false;
  std::vector<bool> used_types;  // see InputTypes
};

class CloudEventsReader {
 public:
  // `schema` must outlive the reader.
  CloudEventsReader(const check::Schema& schema, CloudEventsOptions options);
  ~CloudEventsReader();
  CloudEventsReader(const CloudEventsReader&) = delete;
  CloudEventsReader& operator=(const CloudEventsReader&) = delete;

  // Parses `text` (followed in memory by kLinePadding readable bytes), whose
  // first line is `first_line`, and calls `each` once per CloudEvent in it
  // with the outcome (never for a blank text); on kEvent the builder holds
  // the event until `each` returns.
  void ParsePadded(std::string_view text, uint64_t first_line, EventBuilder& builder,
                   absl::FunctionRef<void(const ParseResult&)> each);
  // Any string: copied into a padded buffer first.
  void Parse(std::string_view text, uint64_t first_line, EventBuilder& builder,
             absl::FunctionRef<void(const ParseResult&)> each);

  const ReaderStats& stats() const { return stats_; }
  ReaderStats& mutable_stats() { return stats_; }

 private:
  struct Impl;  // simdjson state (kept out of this header)
  class TextParse;

  const check::Schema& schema_;
  CloudEventsOptions options_;
  InputTypes types_;
  std::unique_ptr<Impl> impl_;
  std::vector<char> copy_;
  ReaderStats stats_;
};

}  // namespace cep::rt::io

#endif  // CEP_RUNTIME_IO_CLOUDEVENTS_READER_H_
