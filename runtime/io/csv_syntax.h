// CSV syntax (RFC 4180): where a record ends, and its cells.
//
// A cell is either unquoted (any bytes but the delimiter, '"', CR and LF) or
// quoted: '"' ... '"', where "" stands for one '"' and the delimiter, CR and
// LF are ordinary bytes — so a quoted cell may go on over several lines. A
// record is one line, or several when a quoted cell spans lines.
//
// Lenient where nothing is ambiguous: a '"' inside an unquoted cell, or
// text after the closing quote of a quoted cell, is an error (RFC 4180 has
// no meaning for them), not silently kept.
//
// No allocation per record: cells view the record, except quoted cells that
// contain "" escapes, which are unescaped into a scratch buffer the caller
// keeps (its size only grows).
// Tested by tests/unit/io_csv_test.cc.
#ifndef CEP_RUNTIME_IO_CSV_SYNTAX_H_
#define CEP_RUNTIME_IO_CSV_SYNTAX_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cep::rt::io {

// The quoting state at the end of a line of a record.
struct CsvLineState {
  bool in_quotes = false;  // inside a quoted cell: the record continues
  size_t open_quote = 0;   // in_quotes: byte offset (in the record) of its opening '"'
};

// Scans `line`, which starts at byte `offset` of its record (0 for the first
// line; continuation lines start inside the quoted cell `state` is in), and
// updates *state. Only quoting is tracked: malformed cells are found by
// SplitCsvRecord.
void ScanCsvLine(std::string_view line, size_t offset, char delimiter, CsvLineState* state);

struct CsvCell {
  std::string_view text;  // unescaped
  bool quoted = false;    // written in quotes ("" is an empty string, not a missing value)
  uint32_t offset = 0;    // byte offset of the cell in the record
};

enum class CsvSyntaxError : uint8_t {
  kNone,
  kQuoteInUnquoted,     // '"' inside an unquoted cell
  kTextAfterQuote,      // bytes between a closing quote and the delimiter
  kUnterminatedQuote,   // the record ends inside a quoted cell
};

struct CsvSplit {
  CsvSyntaxError error = CsvSyntaxError::kNone;
  size_t cell = 0;    // error: 0-based index of the cell
  size_t offset = 0;  // error: byte offset in the record
};

// Splits `record` into *cells (cleared first). Quoted cells with "" escapes
// are unescaped into *scratch, which must not change until the cells are
// used.
CsvSplit SplitCsvRecord(std::string_view record, char delimiter, std::vector<CsvCell>* cells,
                        std::string* scratch);

// "a '\"' inside an unquoted field", "text after the closing quote",
// "unterminated quoted field".
const char* CsvSyntaxErrorText(CsvSyntaxError error);

}  // namespace cep::rt::io

#endif  // CEP_RUNTIME_IO_CSV_SYNTAX_H_
