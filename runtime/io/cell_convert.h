// Conversion of one CSV cell to the Value of a declared field, by the same
// rules as JSON input (field_convert.h): the cell's text is read as the JSON
// value it would be, then converted.
//
//   int, float, duration   a number in JSON's syntax (spaces around it are
//                          ignored): 42, -3.5, 1e3; a duration may also be a
//                          duration string ("1m30s")
//   bool                   true or false, in any letter case
//   string                 the text as it is (no trimming)
//   timestamp              an RFC 3339 timestamp or an epoch number
//
// Missing values: CSV has no null, so an *unquoted empty* cell is the
// missing value — null for an optional field; for a required string field
// the empty string (there is nothing else it could mean); for any other
// required field an error ("missing value"). A quoted empty cell ("") is
// the empty string: an error for non-string fields.
//
// Error messages name no field: the caller prefixes "field 'x': ".
// Tested by tests/unit/io_csv_test.cc.
#ifndef CEP_RUNTIME_IO_CELL_CONVERT_H_
#define CEP_RUNTIME_IO_CELL_CONVERT_H_

#include <string>
#include <string_view>

#include "compiler/ast/types.h"
#include "runtime/io/csv_syntax.h"
#include "runtime/io/time_parse.h"
#include "runtime/value.h"

namespace cep::rt::io {

// True if the cell is the missing value (unquoted and empty).
inline bool IsMissingCell(const CsvCell& cell) { return !cell.quoted && cell.text.empty(); }

// Converts `cell` for a field of `kind`. A kString Value views the cell's
// text. On failure returns false with *error set ("expected int, got 'abc'").
bool ConvertCell(const CsvCell& cell, TypeKind kind, bool optional, EpochUnit unit, Value* out,
                 std::string* error);

// The event time from a time cell (non-missing): RFC 3339 or an epoch number.
absl::StatusOr<int64_t> ConvertTimeCell(const CsvCell& cell, EpochUnit unit);

}  // namespace cep::rt::io

#endif  // CEP_RUNTIME_IO_CELL_CONVERT_H_
