// Tests of the built-in function table (compiler/check/builtins.h).
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "compiler/check/builtins.h"

namespace cep::check {
namespace {

TEST_CASE("lookup by name and arity") {
  const Builtin* min1 = FindBuiltin("min", 1);
  REQUIRE(min1 != nullptr);
  CHECK(min1->id == BuiltinId::kMin);
  CHECK(min1->cls == BuiltinClass::kAggregate);
  const Builtin* min2 = FindBuiltin("min", 2);
  REQUIRE(min2 != nullptr);
  CHECK(min2->id == BuiltinId::kMinOf);
  CHECK(min2->cls == BuiltinClass::kScalar);
  CHECK(FindBuiltin("min", 3) == min2);  // the first entry, for the arity message
  CHECK(FindBuiltin("count", 0)->id == BuiltinId::kCount);
  CHECK(FindBuiltin("count_distinct", 1)->id == BuiltinId::kDistinct);
  CHECK(FindBuiltin("concat", 7)->id == BuiltinId::kConcat);
  CHECK(FindBuiltin("nope", 1) == nullptr);
}

TEST_CASE("the table is consistent") {
  std::set<std::string> names;
  for (const Builtin& b : Builtins()) {
    CAPTURE(b.name);
    CHECK(&Builtins()[BuiltinIndex(b)] == &b);
    CHECK(b.min_args >= 0);
    CHECK((b.max_args < 0 || b.max_args >= b.min_args));
    CHECK(!b.signature.empty());
    CHECK(b.signature.substr(0, b.name.size()) == b.name);
    names.insert(std::string(b.name));
  }
  CHECK(names.size() == BuiltinNames().size());
  for (const char* n : {"length", "lower", "upper", "contains", "starts_with", "ends_with",
                        "substr", "trim", "concat", "abs", "round", "floor", "ceil", "sqrt",
                        "min", "max", "coalesce", "to_string", "to_int", "to_float",
                        "timestamp", "matches", "geo_distance_km", "if", "count", "sum", "avg",
                        "first", "last", "distinct", "count_distinct", "stddev",
                        "percentile"}) {
    CAPTURE(n);
    CHECK(names.count(n) == 1);
  }
}

}  // namespace
}  // namespace cep::check
