// Numbers written as text: JSON's number grammar, and the JsonScalar a
// number token stands for. The JSON Lines reader uses the grammar for
// numbers simdjson will not hold (beyond 64 bits); the CSV reader reads every
// numeric cell through NumberScalar, so CSV and JSON numbers convert by the
// same rules (field_convert.h).
// Tested by tests/unit/io_csv_test.cc.
#ifndef CEP_RUNTIME_IO_NUMBER_TEXT_H_
#define CEP_RUNTIME_IO_NUMBER_TEXT_H_

#include <string_view>

#include "runtime/io/json_scalar.h"

namespace cep::rt::io {

// -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
bool IsJsonNumber(std::string_view text);

// If `text` is a JSON number, sets *out to it as the JSON reader would
// (kInt in int64 range, kUint up to 2^64-1, kFloat with a fraction or
// exponent in double range, else kBigNumber), with out->text = text, and
// returns true.
bool NumberScalar(std::string_view text, JsonScalar* out);

}  // namespace cep::rt::io

#endif  // CEP_RUNTIME_IO_NUMBER_TEXT_H_
