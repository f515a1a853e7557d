// JSON output of values and events (derived events, late-event files),
// appended to a std::string:
//
// - Strings: '"', '\\' and control characters are escaped (\n \r \t \b \f,
//   others as \u00XX); bytes that are not valid UTF-8 are replaced with
//   U+FFFD, one per maximal invalid subsequence, so the output is always
//   valid UTF-8 and valid JSON.
// - Ints exactly. Floats in the shortest form that reads back to the same
//   double (std::to_chars), with ".0" added to integral values so they stay
//   floats for typed readers ("2.0", "1e+20"); NaN and infinities are null.
// - Timestamps as RFC 3339 UTC strings with the shortest exact fraction
//   ("2024-01-02T03:04:05.120Z"); durations as integer nanoseconds (exact and
//   unambiguous; the JSON Lines reader accepts that for duration fields).
//   Event values (an expression naming a whole bound event) as a nested
//   event object, given the schema.
// - Events: {"type":"T","time":"...",<field>:<value>,...} with the fields in
//   slot order and null for null. Read back by JsonLinesReader with default
//   options, the event is the same (a declared field named "type" would
//   collide with the type key: such names are not reserved by the language).
//
// Tested by tests/unit/io_json_writer_test.cc.
#ifndef CEP_RUNTIME_IO_JSON_WRITER_H_
#define CEP_RUNTIME_IO_JSON_WRITER_H_

#include <string>
#include <string_view>

#include "compiler/check/schema.h"
#include "runtime/event.h"
#include "runtime/value.h"

namespace cep::rt::io {

// Appends `s` as a quoted JSON string.
void AppendJsonString(std::string_view s, std::string* out);

// Appends `v` as a JSON value. An event value (Tag::kEvent) is written as a
// nested event object when `schema` is given, else as null.
void AppendJsonValue(const Value& v, std::string* out, const check::Schema* schema = nullptr);

// Appends `event` as one JSON object (no newline). `type` describes it.
void AppendEventJson(const Event& event, const check::EventTypeInfo& type, std::string* out);

}  // namespace cep::rt::io

#endif  // CEP_RUNTIME_IO_JSON_WRITER_H_
