// JsonLinesReader: turns one JSON Lines line into an event of the schema,
// with simdjson's On-Demand parser, checking it against the declared type.
//
// A line is one of:
// - blank (only spaces, tabs, "\r"): ignored;
// - an event: built into the EventBuilder (type id, the time in slot 0,
//   every declared field by slot; strings copied with SetString);
// - skipped: its type names no input event type (undeclared, or a type that
//   only rules emit), or names one that no rule reads (`used_types`). Skipped
//   lines are counted, not checked: only the type field is looked at;
// - bad: one LineError {line, field (may be empty), message}.
//
// The rules:
// - The line must be a JSON object. The type field (`type_field`, default
//   "type") must be present and a string.
// - The time comes from the first of `time_fields` (default "time", then
//   "ts") present with a non-null value: an RFC 3339 string, or an epoch
//   number / numeric string in `epoch_unit` (auto-detected by default; see
//   time_parse.h). No time, or an unparsable one, makes the line bad. The
//   event type's built-in `time` field is this time; a JSON key "time" that
//   is not one of `time_fields` is an ordinary (extra) key.
// - Every declared field is looked up by name. Absent or null: null if the
//   field is optional, else bad ("missing required field 'x'",
//   "field 'x': expected int, got null"). Values are coerced as described in
//   field_convert.h; a mismatch is bad ("field 'x': expected int, got
//   string"). A key that appears twice is bad ("duplicate field 'x'") if it
//   is a declared, type or time field.
// - Other keys are ignored (and their values skipped unparsed), or make the
//   line bad with `strict` ("unknown field 'x' for type 'T'").
// - Malformed JSON, invalid UTF-8 (anywhere in the line: simdjson validates
//   it all, whichever kernel the CPU gets: json_parser.h), NUL bytes: bad,
//   with the column where it can be told.
//   On-Demand parsing validates what it reads: the structure around the
//   fields and every value converted. The insides of an ignored value and
//   the rest of a skipped line are only scanned for brackets and strings,
//   so e.g. `{"type":"Unused","x":[1,}` is skipped, not reported.
// - Nesting deeper than 1024 levels is only an error where it is read.
//
// The reading of an object's members is shared with the CloudEvents reader
// (json_object_reader.h); the outcomes and errors with every reader
// (parse_result.h).
//
// Cost: a per-type key table built once; in steady state parsing allocates
// nothing (the builder and the parser reuse their buffers). The parser keeps
// the capacity of the longest line seen (about 6 bytes per input byte).
//
// Tested by tests/unit/io_jsonl_test.cc.
#ifndef CEP_RUNTIME_IO_JSONL_READER_H_
#define CEP_RUNTIME_IO_JSONL_READER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "compiler/ast/types.h"
#include "compiler/check/schema.h"
#include "runtime/event.h"
#include "runtime/io/input_types.h"
#include "runtime/io/parse_result.h"
#include "runtime/io/reader_stats.h"
#include "runtime/io/time_parse.h"

namespace cep::rt::io {

struct JsonLinesOptions {
  std::string type_field = "type";
  // Tried in order; the first present one is the time. Empty means {"time"}.
  std::vector<std::string> time_fields = {"time", "ts"};
  EpochUnit epoch_unit = EpochUnit::kAuto;
  // Unknown keys make a line bad.
  bool strict = false;
  // used_types[id]: some rule reads events of type `id`; lines of other types
  // are skipped. Empty: every type is used. Ids past the end count as used.
  std::vector<bool> used_types;
};

using JsonLinesStats = ReaderStats;

class JsonLinesReader {
 public:
  // `schema` must outlive the reader.
  explicit JsonLinesReader(const check::Schema& schema, JsonLinesOptions options = {});
  ~JsonLinesReader();
  JsonLinesReader(const JsonLinesReader&) = delete;
  JsonLinesReader& operator=(const JsonLinesReader&) = delete;

  // Parses `line` (without its terminator), which must be followed in memory
  // by at least kLinePadding (line_reader.h) readable bytes, as LineReader
  // guarantees: the JSON parser reads it in place. On kEvent the builder
  // holds the event (Build() it); otherwise its contents are unspecified.
  // `line_no` is only used in the error.
  ParseResult ParsePaddedLine(std::string_view line, uint64_t line_no, EventBuilder& builder);
  // Any string: copied into a padded buffer first.
  ParseResult ParseLine(std::string_view line, uint64_t line_no, EventBuilder& builder);

  const ReaderStats& stats() const { return stats_; }
  // For the caller's own bad lines (too long for the line reader).
  ReaderStats& mutable_stats() { return stats_; }
  // Lines skipped as kUnusedType, by type id.
  const std::vector<uint64_t>& unused_by_type() const { return stats_.unused_by_type(); }
  // Lines skipped as kUnknownType, by type name: the first kMaxUnknownNames
  // distinct names (in order of first appearance); the rest are counted in
  // stats().unknown_type only.
  static constexpr size_t kMaxUnknownNames = ReaderStats::kMaxUnknownNames;
  const std::vector<std::pair<std::string, uint64_t>>& unknown_types() const {
    return stats_.unknown_types();
  }

 private:
  struct Parser;  // the simdjson parser and object reader (kept out of this header)
  class LineParse;

  JsonLinesOptions options_;
  InputTypes types_;
  std::unique_ptr<Parser> parser_;
  std::vector<char> copy_;  // ParseLine's padded copy
  ReaderStats stats_;
};

}  // namespace cep::rt::io

#endif  // CEP_RUNTIME_IO_JSONL_READER_H_
