// A small JSON value with its own strict parser, for the `.cept` rule test
// files: event fields and expected derived events are written as JSON
// objects. The parser reports the byte where it stopped and whether the text
// simply ended too early (so a test file may continue an object on the next
// line). Objects keep their keys in written order; a duplicate key is an
// error. Tested by tests/unit/ruletest_test.cc.
#ifndef CEP_RULETEST_JSON_VALUE_H_
#define CEP_RULETEST_JSON_VALUE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cep::ruletest {

struct JsonValue {
  enum class Kind : uint8_t { kNull, kBool, kNumber, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  bool boolean = false;
  double number = 0;
  bool is_integer = false;   // a number written without fraction or exponent, in int64 range
  int64_t integer = 0;
  std::string text;          // kString: the value; kNumber: as written
  std::vector<JsonValue> items;                              // kArray
  std::vector<std::pair<std::string, JsonValue>> members;    // kObject, in order

  const JsonValue* Find(std::string_view key) const;
};

struct JsonError {
  size_t offset = 0;          // where in the text
  std::string message;
  bool incomplete = false;    // the text ended inside the value
};

// Parses one value starting at text[*pos] (leading blanks skipped); on
// success *pos is just after it.
std::optional<JsonError> ParseJson(std::string_view text, size_t* pos, JsonValue* out);

// Compact JSON text of `v` (numbers as written).
std::string ToJson(const JsonValue& v);

// "string", "number", ... for messages.
const char* JsonKindName(JsonValue::Kind kind);

}  // namespace cep::ruletest

#endif  // CEP_RULETEST_JSON_VALUE_H_
