// Decoding of literal tokens: string escapes, durations, integers and floats.
// Pure functions over the token's bytes; problems come back as a LiteralError
// with a byte range relative to the token so the caller can report it.
// Tested by tests/unit/literals_test.cc.
#ifndef CEP_COMPILER_PARSE_LITERALS_H_
#define CEP_COMPILER_PARSE_LITERALS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "compiler/diag/diagnostic.h"

namespace cep::parse {

struct LiteralError {
  DiagKind kind;
  uint32_t begin = 0;  // relative to the token
  uint32_t end = 0;
  std::string message;
};

// `quoted` includes the surrounding double quotes. Escapes: \n \t \r \0 \\ \"
// \' \/ and \u{1-6 hex digits} (a Unicode scalar value, written as UTF-8).
std::optional<LiteralError> DecodeString(std::string_view quoted, std::string* out);

// "500ms", "1h30m", "1.5s" -> nanoseconds. Units: ns us ms s m h d w.
std::optional<LiteralError> DecodeDuration(std::string_view text, int64_t* ns);

// Decimal integer; `negative` folds a leading minus so INT64_MIN is allowed.
std::optional<LiteralError> DecodeInt(std::string_view text, bool negative, int64_t* out);

std::optional<LiteralError> DecodeFloat(std::string_view text, double* out);

}  // namespace cep::parse

#endif  // CEP_COMPILER_PARSE_LITERALS_H_
