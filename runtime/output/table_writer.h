// TableWriter: derived events as aligned text columns, for a person at a
// terminal:
//
//   TIME                  RULE                   TYPE             FIELDS
//   2024-06-01T09:00:45Z  BruteForceThenSuccess  SuspiciousLogin  user=bob  attempts=3
//
// Rows are written as they come (nothing is held back, so a live stream
// shows at once). Widths: RULE and TYPE are as wide as the longest rule and
// emitted type names of the program, known before the first row; TIME and
// each field column (per derived type and field) are as wide as the widest
// value written so far in them, so they only grow, and a row is aligned
// with the rows before it except where one of its values is wider than all
// before. The last cell of a row is not padded; a timeout's row ends in
// "(timeout)".
//
// Values: strings as they are when they are non-empty, valid UTF-8 with no
// spaces, control characters, quotes or backslashes, else as JSON strings;
// durations in the language's syntax (90s, 10m); timestamps RFC 3339; null
// as null. Widths count code points.
// Tested by tests/unit/output_writer_test.cc and tests/golden/run/.
#ifndef CEP_RUNTIME_OUTPUT_TABLE_WRITER_H_
#define CEP_RUNTIME_OUTPUT_TABLE_WRITER_H_

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "compiler/check/checked_program.h"
#include "runtime/output/derived_writer.h"

namespace cep::rt::out {

class TableWriter : public DerivedWriter {
 public:
  TableWriter(const check::CheckedProgram& program, std::ostream* out);
  void Write(const DerivedEvent& derived) override;

 private:
  // Appends `text` padded with spaces to `*width` code points (grown to fit).
  void AppendCell(const std::string& text, size_t* width);

  const check::Schema& schema_;
  std::ostream* out_;
  size_t time_width_ = 20;  // "2024-06-01T09:00:45Z"
  size_t rule_width_ = 4;   // "RULE"
  size_t type_width_ = 4;   // "TYPE"
  std::vector<std::vector<size_t>> field_widths_;  // by type id, by slot
  bool header_written_ = false;
  std::string line_;
  std::string cell_;
};

}  // namespace cep::rt::out

#endif  // CEP_RUNTIME_OUTPUT_TABLE_WRITER_H_
