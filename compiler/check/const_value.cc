// Printing of compile-time values (see const_value.h).
// Tested by tests/unit/check_const_test.cc.
#include "compiler/check/const_value.h"

#include "compiler/util/strcat.h"
#include "absl/time/time.h"

namespace cep::check {

std::string FormatDuration(int64_t ns) {
  struct Unit {
    int64_t ns;
    const char* suffix;
  };
  static constexpr Unit kUnits[] = {
      {86'400'000'000'000, "d"}, {3'600'000'000'000, "h"}, {60'000'000'000, "m"},
      {1'000'000'000, "s"},      {1'000'000, "ms"},        {1'000, "us"},
  };
  if (ns == 0) return "0s";
  {
    for (const Unit& u : kUnits) {
      if (ns % u.ns == 0) return StrCat(ns / u.ns, u.suffix);
    }
  }
  return StrCat(ns, "ns");
}

std::string ConstValue::ToString() const {
  switch (kind) {
    case TypeKind::kInt: return StrCat(i);
    case TypeKind::kFloat: return StrCat(f);
    case TypeKind::kBool: return b ? "true" : "false";
    case TypeKind::kString: return StrCat("\"", s, "\"");
    case TypeKind::kDuration: return FormatDuration(i);
    case TypeKind::kTimestamp:
      return StrCat("timestamp(\"",
                          absl::FormatTime(absl::RFC3339_full, absl::FromUnixNanos(i),
                                           absl::UTCTimeZone()),
                          "\")");
    case TypeKind::kNull: return "null";
    default: return "?";
  }
}

}  // namespace cep::check
