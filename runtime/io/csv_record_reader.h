// CsvRecordReader: the records of a CSV input, from its lines. A record is
// one line, or several when a quoted field goes on over line breaks (RFC
// 4180); its lines are joined with "\n" (a CRLF inside a quoted field reads
// as LF).
//
// Bad input loses nothing that was good. A quote that is never closed would
// swallow the rest of the input, so a record stops at `max_record_bytes` (and
// at the end of the input): that record's first line is reported as an
// unterminated quoted field, and the lines after it are read again, each as a
// one-line record (so a stray quote costs one line, and no input is scanned
// more than twice). A line over the LineReader's limit is its own bad record.
//
// Memory: a one-line record is the LineReader's line, uncopied; a multi-line
// record is assembled in a buffer that is reused.
// Tested by tests/unit/io_csv_test.cc.
#ifndef CEP_RUNTIME_IO_CSV_RECORD_READER_H_
#define CEP_RUNTIME_IO_CSV_RECORD_READER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/io/line_reader.h"

namespace cep::rt::io {

struct CsvRecord {
  enum class Problem : uint8_t {
    kNone,
    kTooLong,       // a line over the LineReader's limit (text empty; `length` bytes)
    kUnterminated,  // a quote never closed: `text` is the record's first line only
  };
  std::string_view text;  // valid until the next Next()
  uint64_t line = 0;      // the record's first line (1-based)
  uint64_t lines = 1;     // lines it spans
  Problem problem = Problem::kNone;
  uint64_t length = 0;       // kTooLong: the line's length
  uint64_t quote_line = 0;   // kUnterminated: where the unclosed quote is
  uint64_t quote_column = 0;
};

class CsvRecordReader {
 public:
  // `lines` must outlive the reader.
  CsvRecordReader(LineReader& lines, char delimiter, size_t max_record_bytes);

  // The next record; false at the end of the input (or a read error: see
  // the LineReader's status()).
  bool Next(CsvRecord* record);

 private:
  struct SavedLine {
    size_t begin = 0, end = 0;  // in replay_
    uint64_t number = 0;
    uint64_t length = 0;
    bool too_long = false;
  };
  // The next physical line: a replayed one first, else the LineReader's.
  bool NextLine(Line* line, bool* replayed);
  // The record being assembled cannot end: report its first line, replay
  // the others (then `pending`, if given: the line that did not fit).
  void Abandon(CsvRecord* record, const Line* pending, uint64_t quote_offset);

  LineReader& lines_;
  char delimiter_;
  size_t max_record_bytes_;
  std::string record_;                 // a multi-line record being assembled
  std::vector<SavedLine> record_lines_;  // its lines (begin/end in record_)
  std::string replay_;                 // lines to read again
  std::vector<SavedLine> replay_lines_;
  size_t replay_next_ = 0;
};

}  // namespace cep::rt::io

#endif  // CEP_RUNTIME_IO_CSV_RECORD_READER_H_
