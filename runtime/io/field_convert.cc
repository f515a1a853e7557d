// JSON value -> field Value / event time conversions (see field_convert.h).
// Tested by tests/unit/io_jsonl_test.cc.
#include "runtime/io/field_convert.h"

#include <charconv>
#include <cmath>
#include <optional>
#include <string_view>

#include "absl/status/status.h"
#include "compiler/parse/literals.h"
#include "compiler/util/strcat.h"
#include "runtime/io/excerpt.h"

namespace cep::rt::io {
namespace {

constexpr double kTwo63 = 9223372036854775808.0;

const char* ExpectedName(TypeKind kind) {
  switch (kind) {
    case TypeKind::kBool: return "bool";
    case TypeKind::kInt: return "int";
    case TypeKind::kFloat: return "float";
    case TypeKind::kString: return "string";
    case TypeKind::kTimestamp: return "timestamp (an RFC 3339 string or an epoch number)";
    case TypeKind::kDuration:
      return "duration (integer nanoseconds or a string like \"1m30s\")";
    default: return "a value";
  }
}

bool IsNumber(const JsonScalar& json) {
  return json.kind == JsonKind::kInt || json.kind == JsonKind::kUint ||
         json.kind == JsonKind::kFloat || json.kind == JsonKind::kBigNumber;
}

// "expected int, got string"; numbers that are the right JSON type but the
// wrong value also show the number: "expected int, got float 3.5".
std::string WrongType(const JsonScalar& json, TypeKind kind) {
  if (IsNumber(json)) {
    return StrCat("expected ", ExpectedName(kind), ", got ", JsonKindName(json), " ",
                  Excerpt(json.text));
  }
  return StrCat("expected ", ExpectedName(kind), ", got ", JsonKindName(json));
}

bool IntegralDoubleToInt(double f, int64_t* out) {
  if (!(f >= -kTwo63 && f < kTwo63)) return false;  // also false for NaN
  if (std::trunc(f) != f) return false;
  *out = static_cast<int64_t>(f);
  return true;
}

// An integer field (int or duration given as a number).
bool NumberToInt(const JsonScalar& json, TypeKind kind, int64_t* out, std::string* error) {
  switch (json.kind) {
    case JsonKind::kInt:
      *out = json.i;
      return true;
    case JsonKind::kFloat:
      if (IntegralDoubleToInt(json.f, out)) return true;
      if (std::trunc(json.f) == json.f) {
        *error = StrCat("number ", Excerpt(json.text), " out of int64 range");
      } else {
        *error = WrongType(json, kind);
      }
      return false;
    case JsonKind::kUint:
    case JsonKind::kBigNumber:
      *error = StrCat(JsonKindName(json) == std::string_view("int") ? "integer " : "number ",
                      Excerpt(json.text), " out of int64 range");
      return false;
    default:
      *error = WrongType(json, kind);
      return false;
  }
}

bool NumberToDouble(const JsonScalar& json, double* out, std::string* error) {
  switch (json.kind) {
    case JsonKind::kInt:
      *out = static_cast<double>(json.i);
      return true;
    case JsonKind::kUint:
      *out = static_cast<double>(json.u);
      return true;
    case JsonKind::kFloat:
      *out = json.f;
      return true;
    case JsonKind::kBigNumber: {
      double v = 0;
      auto [ptr, ec] = std::from_chars(json.text.data(), json.text.data() + json.text.size(), v);
      if (ec == std::errc() && ptr == json.text.data() + json.text.size() && std::isfinite(v)) {
        *out = v;
        return true;
      }
      // An underflow reads as zero; an overflow is an error.
      const size_t e = json.text.find_first_of("eE");
      if (e != std::string_view::npos && e + 1 < json.text.size() && json.text[e + 1] == '-') {
        *out = json.text[0] == '-' ? -0.0 : 0.0;
        return true;
      }
      *error = StrCat("number ", Excerpt(json.text), " out of float range");
      return false;
    }
    default:
      *error = WrongType(json, TypeKind::kFloat);
      return false;
  }
}

}  // namespace

bool IsInputFieldKind(TypeKind kind) {
  switch (kind) {
    case TypeKind::kBool:
    case TypeKind::kInt:
    case TypeKind::kFloat:
    case TypeKind::kString:
    case TypeKind::kTimestamp:
    case TypeKind::kDuration:
      return true;
    default:
      return false;
  }
}

bool ConvertField(const JsonScalar& json, TypeKind kind, bool optional, EpochUnit unit,
                  Value* out, std::string* error) {
  if (json.kind == JsonKind::kNull) {
    if (optional) {
      *out = Value::Null();
      return true;
    }
    *error = WrongType(json, kind);
    return false;
  }
  switch (kind) {
    case TypeKind::kInt: {
      int64_t v = 0;
      if (!NumberToInt(json, kind, &v, error)) return false;
      *out = Value::Int(v);
      return true;
    }
    case TypeKind::kFloat: {
      double v = 0;
      if (!NumberToDouble(json, &v, error)) return false;
      *out = Value::Float(v);
      return true;
    }
    case TypeKind::kBool:
      if (json.kind != JsonKind::kBool) break;
      *out = Value::Bool(json.b);
      return true;
    case TypeKind::kString:
      if (json.kind != JsonKind::kString) break;
      *out = Value::String(json.text);
      return true;
    case TypeKind::kTimestamp: {
      if (json.kind != JsonKind::kString && !IsNumber(json)) break;
      absl::StatusOr<int64_t> ns = ConvertTime(json, unit);
      if (!ns.ok()) {
        *error = std::string(ns.status().message());
        return false;
      }
      *out = Value::Timestamp(*ns);
      return true;
    }
    case TypeKind::kDuration: {
      if (json.kind == JsonKind::kString) {
        absl::StatusOr<int64_t> ns = ParseDurationString(json.text);
        if (!ns.ok()) {
          *error = std::string(ns.status().message());
          return false;
        }
        *out = Value::Duration(*ns);
        return true;
      }
      int64_t v = 0;
      if (!NumberToInt(json, kind, &v, error)) return false;
      *out = Value::Duration(v);
      return true;
    }
    default:
      *error = "fields of this type cannot be read from input";
      return false;
  }
  *error = WrongType(json, kind);
  return false;
}

absl::StatusOr<int64_t> ConvertTime(const JsonScalar& json, EpochUnit unit) {
  if (json.kind == JsonKind::kInt) {
    // The parser already read the integer: scale it (the same unit and
    // range as ParseEpoch of its text, which a JSON integer token is in
    // canonical form). Out of range: ParseEpoch words the error from the text.
    absl::StatusOr<int64_t> ns = EpochToNs(json.i, unit);
    if (ns.ok()) return ns;
  }
  if (IsNumber(json)) return ParseEpoch(json.text, unit);
  if (json.kind == JsonKind::kString) {
    if (IsEpochNumber(json.text)) return ParseEpoch(json.text, unit);
    return ParseRfc3339(json.text);
  }
  return absl::InvalidArgumentError(
      StrCat("expected an RFC 3339 string or an epoch number, got ", JsonKindName(json)));
}

absl::StatusOr<int64_t> ParseDurationString(std::string_view text) {
  std::string_view body = text;
  const bool negative = !body.empty() && body[0] == '-';
  if (negative) body.remove_prefix(1);
  bool plain = !body.empty() && body.size() <= kExcerptBytes;
  for (char c : body) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
          c == '.')) {
      plain = false;
    }
  }
  if (!plain) {
    return absl::InvalidArgumentError(StrCat("invalid duration '", Excerpt(text),
                                             "' (expected e.g. \"500ms\", \"1h30m\", \"1.5s\")"));
  }
  int64_t ns = 0;
  if (std::optional<parse::LiteralError> e = parse::DecodeDuration(body, &ns)) {
    return absl::InvalidArgumentError(e->message);
  }
  return negative ? -ns : ns;
}

}  // namespace cep::rt::io
