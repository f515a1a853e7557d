// What a reader makes of one record (a JSON Lines line, a CSV row, a
// CloudEvent): an event, a blank line, a record skipped for its type, or a
// bad record with the field concerned and the message. Shared by the JSON
// Lines, CSV and CloudEvents readers.
// Tested by tests/unit/io_jsonl_test.cc and io_csv_test.cc.
#ifndef CEP_RUNTIME_IO_PARSE_RESULT_H_
#define CEP_RUNTIME_IO_PARSE_RESULT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "compiler/ast/types.h"

namespace cep::rt::io {

enum class LineOutcome : uint8_t {
  kEvent,        // built into the builder
  kBlank,        // empty or whitespace only
  kUnknownType,  // the type names no input event type: skipped
  kUnusedType,   // a declared type no rule reads: skipped
  kBad,          // see ParseResult::error
};

struct LineError {
  uint64_t line = 0;
  std::string field;    // the JSON key or CSV column concerned, or empty
  std::string message;  // e.g. "field 'amount': expected int, got string"
};

struct ParseResult {
  LineOutcome outcome = LineOutcome::kBlank;
  EventTypeId type = kNoEventType;  // kEvent and kUnusedType
  LineError error;                  // kBad
  // kEvent from the CloudEvents reader: the line the CloudEvent starts on
  // (one text there may hold many events).
  uint64_t line = 0;
};

// "events.jsonl:12: field 'amount': expected int, got string".
std::string FormatLineError(std::string_view path, const LineError& error);

}  // namespace cep::rt::io

#endif  // CEP_RUNTIME_IO_PARSE_RESULT_H_
