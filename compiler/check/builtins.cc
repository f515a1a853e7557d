// The built-in function table (see builtins.h).
// Tested by tests/unit/check_builtins_test.cc.
#include "compiler/check/builtins.h"

#include <algorithm>

namespace cep::check {
namespace {

using A = ArgRule;
using R = ResultRule;
constexpr BuiltinClass kS = BuiltinClass::kScalar;
constexpr BuiltinClass kA = BuiltinClass::kAggregate;

constexpr Builtin kBuiltins[] = {
    // ---- strings ----
    {"length", BuiltinId::kLength, kS, 1, 1, {A::kString}, R::kInt, false,
     "length(s: string) -> int"},
    {"lower", BuiltinId::kLower, kS, 1, 1, {A::kString}, R::kString, false,
     "lower(s: string) -> string"},
    {"upper", BuiltinId::kUpper, kS, 1, 1, {A::kString}, R::kString, false,
     "upper(s: string) -> string"},
    {"trim", BuiltinId::kTrim, kS, 1, 1, {A::kString}, R::kString, false,
     "trim(s: string) -> string"},
    {"contains", BuiltinId::kContains, kS, 2, 2, {A::kString, A::kString}, R::kBool, false,
     "contains(s: string, part: string) -> bool"},
    {"starts_with", BuiltinId::kStartsWith, kS, 2, 2, {A::kString, A::kString}, R::kBool,
     false, "starts_with(s: string, prefix: string) -> bool"},
    {"ends_with", BuiltinId::kEndsWith, kS, 2, 2, {A::kString, A::kString}, R::kBool, false,
     "ends_with(s: string, suffix: string) -> bool"},
    {"substr", BuiltinId::kSubstr, kS, 2, 3, {A::kString, A::kInt, A::kInt}, R::kString,
     false, "substr(s: string, start: int[, len: int]) -> string"},
    {"concat", BuiltinId::kConcat, kS, 1, -1, {A::kScalar}, R::kString, false,
     "concat(v, ...) -> string"},
    // ---- numbers ----
    {"abs", BuiltinId::kAbs, kS, 1, 1, {A::kNumericOrDuration}, R::kArg0, false,
     "abs(x: int|float|duration) -> same"},
    {"round", BuiltinId::kRound, kS, 1, 1, {A::kNumeric}, R::kArg0, false,
     "round(x: int|float) -> same"},
    {"floor", BuiltinId::kFloor, kS, 1, 1, {A::kNumeric}, R::kArg0, false,
     "floor(x: int|float) -> same"},
    {"ceil", BuiltinId::kCeil, kS, 1, 1, {A::kNumeric}, R::kArg0, false,
     "ceil(x: int|float) -> same"},
    {"sqrt", BuiltinId::kSqrt, kS, 1, 1, {A::kNumeric}, R::kFloat, false,
     "sqrt(x: int|float) -> float"},
    {"min", BuiltinId::kMinOf, kS, 2, 2, {A::kOrderable, A::kSameAsFirst}, R::kCommon, false,
     "min(a, b) -> the smaller"},
    {"max", BuiltinId::kMaxOf, kS, 2, 2, {A::kOrderable, A::kSameAsFirst}, R::kCommon, false,
     "max(a, b) -> the larger"},
    {"geo_distance_km", BuiltinId::kGeoDistanceKm, kS, 4, 4,
     {A::kNumeric, A::kNumeric, A::kNumeric, A::kNumeric}, R::kFloat, false,
     "geo_distance_km(lat1, lon1, lat2, lon2: float) -> float"},
    // ---- conditionals, null, conversions ----
    {"if", BuiltinId::kIf, kS, 3, 3, {A::kBool, A::kScalar, A::kSameAsSecond}, R::kBranches,
     false, "if(cond: bool, then, else) -> then when cond is true, else otherwise"},
    {"coalesce", BuiltinId::kCoalesce, kS, 2, -1, {A::kScalar, A::kSameAsFirst}, R::kCommon,
     false, "coalesce(a, b, ...) -> the first non-null"},
    {"to_string", BuiltinId::kToString, kS, 1, 1, {A::kScalar}, R::kString, false,
     "to_string(v) -> string"},
    {"to_int", BuiltinId::kToInt, kS, 1, 1, {A::kScalar}, R::kInt, false,
     "to_int(v: string|int|float|bool) -> int (null when a string does not parse)"},
    {"to_float", BuiltinId::kToFloat, kS, 1, 1, {A::kScalar}, R::kFloat, false,
     "to_float(v: string|int|float) -> float (null when a string does not parse)"},
    {"timestamp", BuiltinId::kTimestamp, kS, 1, 1, {A::kString}, R::kTimestamp, false,
     "timestamp(rfc3339: string) -> timestamp"},
    {"matches", BuiltinId::kMatches, kS, 2, 2, {A::kString, A::kConstString}, R::kBool, false,
     "matches(s: string, regex: constant string) -> bool"},
    // ---- aggregates ----
    {"count", BuiltinId::kCount, kA, 0, 1, {A::kValueOrEvent}, R::kInt, false,
     "count([v]) -> int"},
    {"sum", BuiltinId::kSum, kA, 1, 1, {A::kNumericOrDuration}, R::kArg0, false,
     "sum(x: int|float|duration) -> same"},
    {"avg", BuiltinId::kAvg, kA, 1, 1, {A::kNumericOrDuration}, R::kAvg, true,
     "avg(x: int|float|duration) -> float (duration for durations)"},
    {"min", BuiltinId::kMin, kA, 1, 1, {A::kOrderable}, R::kArg0, true,
     "min(x) -> the smallest value"},
    {"max", BuiltinId::kMax, kA, 1, 1, {A::kOrderable}, R::kArg0, true,
     "max(x) -> the largest value"},
    {"first", BuiltinId::kFirst, kA, 1, 1, {A::kValueOrEvent}, R::kElement, true,
     "first(v) -> the first event or value"},
    {"last", BuiltinId::kLast, kA, 1, 1, {A::kValueOrEvent}, R::kElement, true,
     "last(v) -> the last event or value"},
    {"distinct", BuiltinId::kDistinct, kA, 1, 1, {A::kScalar}, R::kInt, false,
     "distinct(x) -> int (number of distinct values)"},
    {"count_distinct", BuiltinId::kDistinct, kA, 1, 1, {A::kScalar}, R::kInt, false,
     "count_distinct(x) -> int (number of distinct values)"},
    {"stddev", BuiltinId::kStddev, kA, 1, 1, {A::kNumeric}, R::kFloat, true,
     "stddev(x: int|float) -> float"},
    {"percentile", BuiltinId::kPercentile, kA, 2, 2, {A::kNumericOrDuration, A::kConstNumber},
     R::kAvg, true, "percentile(x: int|float|duration, p: constant 0..100) -> float"},
};

bool Admits(const Builtin& b, int argc) {
  return argc >= b.min_args && (b.max_args < 0 || argc <= b.max_args);
}

}  // namespace

std::span<const Builtin> Builtins() { return kBuiltins; }

const Builtin* FindBuiltin(std::string_view name, int argc) {
  const Builtin* first = nullptr;
  for (const Builtin& b : kBuiltins) {
    if (b.name != name) continue;
    if (Admits(b, argc)) return &b;
    if (first == nullptr) first = &b;
  }
  return first;
}

int32_t BuiltinIndex(const Builtin& b) { return static_cast<int32_t>(&b - kBuiltins); }

std::vector<std::string_view> BuiltinNames() {
  std::vector<std::string_view> out;
  for (const Builtin& b : kBuiltins) {
    if (std::find(out.begin(), out.end(), b.name) == out.end()) out.push_back(b.name);
  }
  return out;
}

}  // namespace cep::check
