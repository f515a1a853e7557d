// The table of built-in functions and aggregates of the .cep language with
// their signatures. The checker types calls from it (call_typer.cc); the
// runtime evaluates calls by BuiltinId (Expr::decl_index of a kCall holds the
// index of its entry in Builtins()). Plain data, no dependency on the AST.
//
// Null handling: a scalar function returns null when any argument is null,
// except coalesce and if (a null condition takes the else branch). Aggregates skip null values; over no values count, sum and
// distinct give 0, the others give null.
//
// Tested by tests/unit/check_builtins_test.cc.
#ifndef CEP_COMPILER_CHECK_BUILTINS_H_
#define CEP_COMPILER_CHECK_BUILTINS_H_

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace cep::check {

enum class BuiltinId : uint8_t {
  // ---- scalar functions ----
  kLength, kLower, kUpper, kTrim, kContains, kStartsWith, kEndsWith, kSubstr,
  kConcat, kAbs, kRound, kFloor, kCeil, kSqrt, kMinOf, kMaxOf, kCoalesce,
  kToString, kToInt, kToFloat, kTimestamp, kMatches, kGeoDistanceKm, kIf,
  // ---- aggregates (over a repeated variable or a window) ----
  kCount, kSum, kAvg, kMin, kMax, kFirst, kLast, kDistinct, kStddev, kPercentile,
};

enum class BuiltinClass : uint8_t { kScalar, kAggregate };

// What one argument accepts.
enum class ArgRule : uint8_t {
  kScalar,             // any value (not an event)
  kString,
  kInt,
  kNumeric,            // int or float
  kNumericOrDuration,  // int, float or duration
  kOrderable,          // int, float, string, timestamp or duration
  kConstString,        // a string known at compile time (regexes, timestamps)
  kConstNumber,        // an int or float known at compile time
  kSameAsFirst,        // comparable with the first argument (numbers mix)
  kValueOrEvent,       // aggregates: values, or the events of a variable
  kBool,               // if's condition
  kSameAsSecond,       // if's else: comparable with the second argument
};

// How the result type follows from the arguments.
enum class ResultRule : uint8_t {
  kBool, kInt, kFloat, kString, kTimestamp,
  kArg0,        // the first argument's type
  kCommon,      // the common type of all arguments (int with float is float)
  kElement,     // first/last: one element of the group (an event or a value)
  kAvg,         // float for numbers, duration for durations
  kBranches,    // if: the common type of the second and third arguments
};

struct Builtin {
  std::string_view name;
  BuiltinId id;
  BuiltinClass cls;
  int8_t min_args;
  int8_t max_args;           // -1: any number
  ArgRule args[4];           // per position; past the last, the last one repeats
  ResultRule result;
  bool null_when_empty;      // aggregates: null over no values
  std::string_view signature;  // "substr(s: string, start: int[, len: int]) -> string"
};

// Every entry, in BuiltinId order for scalars then aggregates; min and max
// have two entries each (the 2-argument scalar and the 1-argument aggregate),
// and `count_distinct` is an alias entry of `distinct`.
std::span<const Builtin> Builtins();

// The entry for `name` called with `argc` arguments: the one whose arity
// admits argc, else the first with that name (for an arity diagnostic), else
// null.
const Builtin* FindBuiltin(std::string_view name, int argc);

// Index of `b` in Builtins() (what the checker stores in Expr::decl_index).
int32_t BuiltinIndex(const Builtin& b);

// Every distinct name, for did-you-mean.
std::vector<std::string_view> BuiltinNames();

}  // namespace cep::check

#endif  // CEP_COMPILER_CHECK_BUILTINS_H_
