// Conversion of one JSON value to the Value of a declared field, or to the
// event time, with the coercion rules of JSON Lines input:
//
//   int        JSON integers in int64 range. A float with no fractional part
//              in int64 range (3.0, 1e3) is accepted as that integer; any
//              other float is an error, as is an integer outside int64.
//   float      any JSON number: integers convert to the nearest double;
//              integers too large for 64 bits are read as doubles; numbers
//              outside the double range (1e400) are errors.
//   bool       true / false only.
//   string     JSON strings only (numbers are not stringified).
//   timestamp  an RFC 3339 string, or an epoch number (a JSON number or a
//              string holding one) in the configured unit or auto-detected
//              (see time_parse.h). Exact to the nanosecond.
//   duration   an integer number of nanoseconds (or an integral float, as
//              for int), or a string in the language's duration syntax,
//              optionally negative: "500ms", "1h30m", "1.5s", "-2m"
//              (units ns us ms s m h d w).
//   null       is null for an optional field; for a required one it is an
//              error ("expected int, got null").
//
// Error messages name no field: the caller prefixes "field 'x': ".
// Tested by tests/unit/io_jsonl_test.cc.
#ifndef CEP_RUNTIME_IO_FIELD_CONVERT_H_
#define CEP_RUNTIME_IO_FIELD_CONVERT_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "compiler/ast/types.h"
#include "runtime/io/json_scalar.h"
#include "runtime/io/time_parse.h"
#include "runtime/value.h"

namespace cep::rt::io {

// The kinds a declared field of an input event may have.
bool IsInputFieldKind(TypeKind kind);

// Converts `json` for a field of `kind`. On success *out is the value (a
// kString Value views `json.text`: copy it before the next line). On failure
// returns false and sets *error to e.g. "expected int, got string".
bool ConvertField(const JsonScalar& json, TypeKind kind, bool optional, EpochUnit unit,
                  Value* out, std::string* error);

// The event time from a time field: an RFC 3339 string or an epoch number.
// InvalidArgument with the reason otherwise (null is the caller's business).
absl::StatusOr<int64_t> ConvertTime(const JsonScalar& json, EpochUnit unit);

// A duration string: the language's syntax with an optional leading '-'.
absl::StatusOr<int64_t> ParseDurationString(std::string_view text);

}  // namespace cep::rt::io

#endif  // CEP_RUNTIME_IO_FIELD_CONVERT_H_
