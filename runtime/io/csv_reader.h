// CsvReader: turns CSV records (csv_record_reader.h) into events of the
// schema. The first record is the header: it names the columns.
//
// - The type column is the first of `type_fields` the header has (default
//   "type", then "event_type": the CORE engine's layout
//   `event_type,id,name,volume,price,stock_time`). The time columns are those
//   of `time_fields` the header has; a row's time is the first of them, in
//   that order, that is not empty (RFC 3339 or an epoch number, see
//   time_parse.h). A header without a type column or without a time column
//   is an error (ParseHeader), since no row could be read.
// - Every other column whose name is a declared field of the row's type
//   gives that field, converted by cell_convert.h. A declared field with no
//   column is null if optional; if required, every row of that type is bad
//   ("missing required field"). Columns no field of the row's type declares
//   are ignored, unless `strict`: then a non-empty cell there is bad.
// - Header names are trimmed of spaces; duplicate names are a header error.
// - Rows of a type no rule reads, or naming no input type, are skipped
//   (counted) before any other cell is converted.
// - Bad rows: a wrong number of fields, malformed quoting, invalid UTF-8, a
//   NUL byte, a missing type or time, a field that does not convert. The
//   error names the line (for a multi-line record, the line of the fault)
//   and the field.
//
// Cost: the header builds, per declared type, the role of every column; a
// row is split once (cells view the record) and converted cell by cell; in
// steady state nothing is allocated.
// Tested by tests/unit/io_csv_test.cc.
#ifndef CEP_RUNTIME_IO_CSV_READER_H_
#define CEP_RUNTIME_IO_CSV_READER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "compiler/check/schema.h"
#include "runtime/event.h"
#include "runtime/io/csv_syntax.h"
#include "runtime/io/input_types.h"
#include "runtime/io/parse_result.h"
#include "runtime/io/reader_stats.h"
#include "runtime/io/time_parse.h"

namespace cep::rt::io {

struct CsvOptions {
  // The type column: the first of these names the header has.
  std::vector<std::string> type_fields = {"type", "event_type"};
  // The time columns, in the order they are tried.
  std::vector<std::string> time_fields = {"time", "ts"};
  EpochUnit epoch_unit = EpochUnit::kAuto;
  bool strict = false;  // a non-empty cell in a column the type does not declare is bad
  // used_types[id]: some rule reads type `id` (see InputTypes).
  std::vector<bool> used_types;
  char delimiter = ',';
};

class CsvReader {
 public:
  // `schema` must outlive the reader.
  CsvReader(const check::Schema& schema, CsvOptions options);

  // Reads the header record. InvalidArgument saying what is wrong (no type
  // or time column, a duplicate column, malformed quoting) otherwise.
  absl::Status ParseHeader(std::string_view record);
  bool has_header() const { return !columns_.empty(); }
  const std::vector<std::string>& columns() const { return columns_; }

  // Parses one data record (after ParseHeader). `line_no` is the record's
  // first line. On kEvent the builder holds the event.
  ParseResult ParseRecord(std::string_view record, uint64_t line_no, EventBuilder& builder);

  const ReaderStats& stats() const { return stats_; }
  ReaderStats& mutable_stats() { return stats_; }

 private:
  struct Role {
    int32_t slot = -1;  // the declared field of this column, or -1
  };
  struct TypePlan {
    std::vector<Role> roles;  // by column
    const check::FieldInfo* missing_required = nullptr;  // a required field with no column
  };

  ParseResult Bad(std::string_view record, uint64_t line_no, size_t offset, std::string field,
                  std::string message);
  ParseResult FieldBad(std::string_view record, uint64_t line_no, size_t column,
                       std::string message);
  std::string FieldName(size_t column) const;

  const check::Schema& schema_;
  CsvOptions options_;
  InputTypes types_;
  std::vector<std::string> columns_;
  size_t type_column_ = 0;
  std::vector<size_t> time_columns_;  // in the order of options_.time_fields
  std::vector<TypePlan> plans_;       // by EventTypeId (input types only)
  std::vector<CsvCell> cells_;
  std::string scratch_;
  ReaderStats stats_;
};

}  // namespace cep::rt::io

#endif  // CEP_RUNTIME_IO_CSV_READER_H_
