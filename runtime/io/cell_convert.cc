// CSV cell -> field Value conversions (see cell_convert.h).
// Tested by tests/unit/io_csv_test.cc.
#include "runtime/io/cell_convert.h"

#include "compiler/util/strcat.h"
#include "runtime/io/excerpt.h"
#include "runtime/io/field_convert.h"
#include "runtime/io/number_text.h"

namespace cep::rt::io {
namespace {

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != b[i]) return false;
  }
  return true;
}

const char* KindName(TypeKind kind) {
  switch (kind) {
    case TypeKind::kBool: return "bool (true or false)";
    case TypeKind::kInt: return "int";
    case TypeKind::kFloat: return "float";
    case TypeKind::kDuration: return "duration (integer nanoseconds or e.g. 1m30s)";
    case TypeKind::kTimestamp: return "timestamp (RFC 3339 or an epoch number)";
    default: return "string";
  }
}

}  // namespace

bool ConvertCell(const CsvCell& cell, TypeKind kind, bool optional, EpochUnit unit, Value* out,
                 std::string* error) {
  if (IsMissingCell(cell)) {
    if (optional) {
      *out = Value::Null();
      return true;
    }
    if (kind == TypeKind::kString) {
      *out = Value::String(cell.text);
      return true;
    }
    *error = StrCat("missing value (expected ", KindName(kind), ")");
    return false;
  }
  JsonScalar json;
  switch (kind) {
    case TypeKind::kString:
      *out = Value::String(cell.text);
      return true;
    case TypeKind::kBool: {
      std::string_view t = TrimSpaces(cell.text);
      if (EqualsIgnoreCase(t, "true") || EqualsIgnoreCase(t, "false")) {
        *out = Value::Bool(t.size() == 4);
        return true;
      }
      break;
    }
    case TypeKind::kInt:
    case TypeKind::kFloat:
      if (!NumberScalar(TrimSpaces(cell.text), &json)) break;
      return ConvertField(json, kind, optional, unit, out, error);
    case TypeKind::kDuration:
      if (!NumberScalar(TrimSpaces(cell.text), &json)) {
        json.kind = JsonKind::kString;
        json.text = TrimSpaces(cell.text);
      }
      return ConvertField(json, kind, optional, unit, out, error);
    case TypeKind::kTimestamp: {
      absl::StatusOr<int64_t> ns = ConvertTimeCell(cell, unit);
      if (!ns.ok()) {
        *error = std::string(ns.status().message());
        return false;
      }
      *out = Value::Timestamp(*ns);
      return true;
    }
    default:
      *error = "fields of this type cannot be read from input";
      return false;
  }
  *error = StrCat("expected ", KindName(kind), ", got '", Excerpt(cell.text), "'");
  return false;
}

absl::StatusOr<int64_t> ConvertTimeCell(const CsvCell& cell, EpochUnit unit) {
  std::string_view t = TrimSpaces(cell.text);
  if (IsEpochNumber(t)) return ParseEpoch(t, unit);
  return ParseRfc3339(t);
}

}  // namespace cep::rt::io
