// JsonScalar: one JSON value as the JSON Lines reader hands it to the field
// conversions, decoupled from simdjson's types. Strings are already
// unescaped (views into the parser's string buffer, valid for the current
// line); numbers keep their token text next to the parsed value so epoch
// times and out-of-range numbers can be handled exactly.
// Tested by tests/unit/io_jsonl_test.cc.
#ifndef CEP_RUNTIME_IO_JSON_SCALAR_H_
#define CEP_RUNTIME_IO_JSON_SCALAR_H_

#include <cstdint>
#include <string_view>

namespace cep::rt::io {

enum class JsonKind : uint8_t {
  kNull,
  kBool,
  kInt,        // fits in int64: `i`
  kUint,       // >= 2^63 and < 2^64: `u`
  kFloat,      // has a fraction or exponent, in double range: `f`
  kBigNumber,  // well-formed but too large for int64/uint64/double: only `text`
  kString,     // `text`
  kObject,     // not read (the reader skips it)
  kArray,      // not read
};

struct JsonScalar {
  JsonKind kind = JsonKind::kNull;
  bool b = false;
  int64_t i = 0;
  uint64_t u = 0;
  double f = 0;
  std::string_view text;  // kString: the unescaped string; numbers: the token
};

// "null", "bool", "int", "float", "string", "object", "array" (the words of
// "expected int, got string"). Big numbers are "int" or "float" by their text.
inline const char* JsonKindName(const JsonScalar& value) {
  switch (value.kind) {
    case JsonKind::kNull: return "null";
    case JsonKind::kBool: return "bool";
    case JsonKind::kInt:
    case JsonKind::kUint: return "int";
    case JsonKind::kFloat: return "float";
    case JsonKind::kBigNumber:
      return value.text.find_first_of(".eE") == std::string_view::npos ? "int" : "float";
    case JsonKind::kString: return "string";
    case JsonKind::kObject: return "object";
    case JsonKind::kArray: return "array";
  }
  return "null";
}

}  // namespace cep::rt::io

#endif  // CEP_RUNTIME_IO_JSON_SCALAR_H_
