// Checker tests for expressions: operator typing (numbers, strings,
// timestamps, durations, booleans), comparisons, `in`, nulls, regexes (RE2 at
// check time, with the caret inside the literal), scalar function calls.
#include <doctest/doctest.h>

#include "compiler/check/builtins.h"
#include "compiler/check/check_testing.h"

namespace cep::check {
namespace {

using testing::CheckForTestingOnly;

constexpr const char* kEvent =
    "event E { s: string, i: int, f: float, b: bool, t: timestamp, d: duration, "
    "o: string?, oi: int? }\n";

// Checks `expr` as the emitted value `v` of a from rule over E; returns the
// diagnostics and, through *type, the value's type.
std::string TypeOf(std::string expr, Type* type = nullptr, bool* optional = nullptr) {
  auto r = CheckForTestingOnly(std::string(kEvent) + "rule R { from E emit X { v = " + expr +
                               " } }\n");
  if (type != nullptr) {
    ast::Expr* v = r->EmitValue("R", "v");
    *type = v != nullptr ? v->type : Type{};
  }
  if (optional != nullptr) {
    const EventTypeInfo* x = r->checked.schema.Find("X");
    const FieldInfo* f = x != nullptr ? x->FindField("v") : nullptr;
    *optional = f != nullptr && f->optional;
  }
  return r->Kinds().empty() ? "" : r->Messages();
}

Type T(TypeKind k) { return Type::Of(k); }

TEST_CASE("arithmetic result types") {
  struct Case {
    const char* expr;
    TypeKind kind;
  } cases[] = {
      {"i + i", TypeKind::kInt},          {"i / 2", TypeKind::kInt},
      {"i * f", TypeKind::kFloat},        {"f - 1", TypeKind::kFloat},
      {"i % 3", TypeKind::kInt},          {"f % 2", TypeKind::kFloat},
      {"-i", TypeKind::kInt},             {"-d", TypeKind::kDuration},
      {"s + \"x\"", TypeKind::kString},   {"t - t", TypeKind::kDuration},
      {"t + d", TypeKind::kTimestamp},    {"d + t", TypeKind::kTimestamp},
      {"t - 5m", TypeKind::kTimestamp},   {"d + 1s", TypeKind::kDuration},
      {"d * 2", TypeKind::kDuration},     {"2.5 * d", TypeKind::kDuration},
      {"d / 4", TypeKind::kDuration},     {"d / 1s", TypeKind::kFloat},
      {"d % 1m", TypeKind::kDuration},    {"i < f", TypeKind::kBool},
      {"s >= \"a\"", TypeKind::kBool},    {"t > t", TypeKind::kBool},
      {"b == true", TypeKind::kBool},     {"not b or b and !b", TypeKind::kBool},
      {"i in [1, 2.5]", TypeKind::kBool}, {"s not in [\"a\"]", TypeKind::kBool},
      {"o is null", TypeKind::kBool},     {"s =~ /a+/i", TypeKind::kBool},
  };
  for (const Case& c : cases) {
    CAPTURE(c.expr);
    Type type;
    CHECK(TypeOf(c.expr, &type) == "");
    CHECK(type == T(c.kind));
  }
}

TEST_CASE("operands of the wrong type") {
  CHECK(TypeOf("s + i") ==
        "operator '+' cannot combine string and int; to build a string use concat(...) or "
        "to_string(...)\n");
  CHECK(TypeOf("t + t") == "operator '+' cannot combine timestamp and timestamp\n");
  CHECK(TypeOf("d - t") == "operator '-' cannot combine duration and timestamp\n");
  CHECK(TypeOf("b * 2") == "operator '*' cannot combine bool and int\n");
  CHECK(TypeOf("-s") == "operator '-' needs a number or a duration, but 's' is string\n");
  CHECK(TypeOf("not i") == "'not' needs a bool condition, but 'i' is int\n");
  CHECK(TypeOf("b and i") == "'and' needs bool conditions, but 'i' is int\n");
  CHECK(TypeOf("s < 3") ==
        "operator '<' cannot compare 's' with '3': string and int cannot be compared\n");
  CHECK(TypeOf("b < b") == "operator '<' cannot compare 'b' with 'b': bool values have no order\n");
  CHECK(TypeOf("t == d") ==
        "operator '==' cannot compare 't' with 'd': timestamp and duration cannot be "
        "compared\n");
  CHECK(TypeOf("i in [1, \"a\"]") == "'\"a\"' is string, but 'i' is int\n");
  CHECK(TypeOf("i =~ /x/") == "'=~' needs a string on its left, but 'i' is int\n");
}

TEST_CASE("errors do not cascade") {
  // One unknown name inside a big expression gives one diagnostic.
  CHECK(TypeOf("(nope + 1) * 2 > f and s + nope2 == \"x\"") ==
        "unknown field 'nope' in event type 'E'\n"
        "  note@1:7: 'E' declared here\n"
        "unknown field 'nope2' in event type 'E'\n"
        "  note@1:7: 'E' declared here\n");
}

TEST_CASE("division by a constant zero") {
  auto r = CheckForTestingOnly(std::string(kEvent) + R"(const ZERO = 0
rule R { from E[i / ZERO > 1 or f % 0.0 > 1 or d / (1 - 1) > 1s] emit X { v = i / 2 } }
)");
  CHECK(r->Kinds() == "division-by-zero@3:21 division-by-zero@3:37 division-by-zero@3:53");
  CHECK(r->First("division-by-zero")->message == "division by zero");
}

TEST_CASE("nulls: comparing with null, optional values, never-null tests") {
  auto r = CheckForTestingOnly(std::string(kEvent) + R"(rule R {
  from E[s == null or null != o or i in [1, null] or i is null or o is not null]
  emit X { v = 1 }
}
)");
  CHECK(r->Kinds() ==
        "null-comparison@3:10 null-comparison@3:23 null-comparison@3:45 never-null@3:54");
  CHECK(r->Messages() ==
        "a comparison with null is always false; write 's is null'\n"
        "a comparison with null is always false; write 'o is not null'\n"
        "null in a list never matches; test 'i is null' instead\n"
        "'i' is never null, so 'is null' is always false\n");
  bool optional = false;
  Type type;
  CHECK(TypeOf("oi + 1", &type, &optional) == "");
  CHECK(type == T(TypeKind::kInt));
  CHECK(optional);
  CHECK(TypeOf("coalesce(oi, 0)", &type, &optional) == "");
  CHECK(!optional);
  CHECK(TypeOf("i + 1", &type, &optional) == "");
  CHECK(!optional);
  CHECK(TypeOf("oi > 1", &type, &optional) == "");  // comparisons are never null
  CHECK(!optional);
}

TEST_CASE("regexes are compiled with RE2; the caret points into the literal") {
  auto r = CheckForTestingOnly(std::string(kEvent) + R"(rule R {
  from E[s =~ /ok|(bad/ or s !~ /x{2,1}/ or s =~ /fine/gi or s =~ "a**" or matches(s, "[z-a]")]
  emit X { v = 1 }
}
)");
  CHECK(r->Kinds() ==
        "invalid-regex@3:16 invalid-regex@3:35 invalid-regex@3:56 invalid-regex@3:69 "
        "invalid-regex@3:89");
  CHECK(r->Messages() ==
        "invalid regular expression: missing ): ok|(bad\n"
        "invalid regular expression: invalid repetition size: {2,1}\n"
        "unknown regex flag 'g'; the flags are 'i' (ignore case) and 's' (. also matches a "
        "newline)\n"
        "invalid regular expression: bad repetition operator: **\n"
        "invalid regular expression: invalid character class range: z-a\n");
  const Diagnostic* bad_rep = r->diags.Sorted()[1];
  CHECK(r->Text(bad_rep->range) == "{2,1}");
  CHECK(r->Text(r->diags.Sorted()[2]->range) == "g");
  auto regex = CheckForTestingOnly(std::string(kEvent) + R"(const RE = "^a"
rule R { from E[matches(s, RE) and matches(s, s)] emit X { v = 1 } }
)");
  CHECK(regex->Kinds() == "not-constant@3:47");
  CHECK(regex->First("not-constant")->message ==
        "the regex of 'matches' must be a constant string (a literal or a const), so it can "
        "be compiled once");
}

TEST_CASE("scalar functions: result types") {
  struct Case {
    const char* expr;
    TypeKind kind;
    bool optional;
  } cases[] = {
      {"length(s)", TypeKind::kInt, false},
      {"lower(s) + upper(s) + trim(s)", TypeKind::kString, false},
      {"contains(s, \"a\") and starts_with(s, \"a\") and ends_with(o, \"a\")", TypeKind::kBool,
       false},
      {"substr(s, 1)", TypeKind::kString, false},
      {"substr(o, 1, 2)", TypeKind::kString, true},
      {"concat(s, i, f, b, t, d)", TypeKind::kString, false},
      {"abs(i)", TypeKind::kInt, false},
      {"abs(d)", TypeKind::kDuration, false},
      {"round(f) + floor(f) + ceil(f)", TypeKind::kFloat, false},
      {"sqrt(i)", TypeKind::kFloat, false},
      {"min(i, f)", TypeKind::kFloat, false},
      {"max(t, t)", TypeKind::kTimestamp, false},
      {"coalesce(o, s)", TypeKind::kString, false},
      {"coalesce(oi, oi)", TypeKind::kInt, true},
      {"to_string(t)", TypeKind::kString, false},
      {"to_int(s)", TypeKind::kInt, true},
      {"to_int(f)", TypeKind::kInt, false},
      {"to_float(i)", TypeKind::kFloat, false},
      {"timestamp(s)", TypeKind::kTimestamp, true},
      {"timestamp(\"2024-01-01T00:00:00Z\")", TypeKind::kTimestamp, false},
      {"matches(s, \"^a\")", TypeKind::kBool, false},
      {"geo_distance_km(f, f, i, i)", TypeKind::kFloat, false},
      {"if(b, s, \"x\")", TypeKind::kString, false},
      {"if(i > 1, i, f)", TypeKind::kFloat, false},
      {"if(o == \"a\", 1, 2)", TypeKind::kInt, false},  // a null condition: the else
      {"if(b, o, s)", TypeKind::kString, true},
      {"if(b, s, null)", TypeKind::kString, true},
      {"if(b, null, d)", TypeKind::kDuration, true},
  };
  for (const Case& c : cases) {
    CAPTURE(c.expr);
    Type type;
    bool optional = false;
    CHECK(TypeOf(c.expr, &type, &optional) == "");
    CHECK(type == T(c.kind));
    CHECK(optional == c.optional);
  }
}

TEST_CASE("scalar functions: wrong arguments") {
  CHECK(TypeOf("length(i)") == "argument 1 of 'length' must be a string, but 'i' is int\n");
  CHECK(TypeOf("substr(s, f)") == "argument 2 of 'substr' must be an int, but 'f' is float\n");
  CHECK(TypeOf("min(i, s)") ==
        "argument 2 of 'min' must be a value of the first argument's type, but 's' is string\n");
  CHECK(TypeOf("to_float(b)") ==
        "argument 1 of 'to_float' must be a string, int or float, but 'b' is bool\n");
  CHECK(TypeOf("substr(s)") ==
        "'substr' takes 2 or 3 arguments, but 1 was given\n"
        "  note@?: signature: substr(s: string, start: int[, len: int]) -> string\n");
  CHECK(TypeOf("length(s, s)") ==
        "'length' takes 1 argument, but 2 were given\n"
        "  note@?: signature: length(s: string) -> int\n");
  CHECK(TypeOf("coalesce(s)") ==
        "'coalesce' takes at least 2 arguments, but 1 was given\n"
        "  note@?: signature: coalesce(a, b, ...) -> the first non-null\n");
  CHECK(TypeOf("min(i, i, i)") ==
        "'min' takes 1 argument (the smallest value of a group) or 2 (the smaller of two "
        "values), but 3 were given\n"
        "  note@?: signature: min(a, b) -> the smaller\n");
  CHECK(TypeOf("if(i, 1, 2)") == "argument 1 of 'if' must be a bool, but 'i' is int\n");
  CHECK(TypeOf("if(b, s, i)") ==
        "argument 3 of 'if' must be a value of the second argument's type, but 'i' is int\n");
  CHECK(TypeOf("if(b, 1)") ==
        "'if' takes 3 arguments, but 2 were given\n"
        "  note@?: signature: if(cond: bool, then, else) -> then when cond is true, else "
        "otherwise\n");
  CHECK(TypeOf("geo_distance_km(1, 2, 3)") ==
        "'geo_distance_km' takes 4 arguments, but 3 were given\n"
        "  note@?: signature: geo_distance_km(lat1, lon1, lat2, lon2: float) -> float\n");
}

TEST_CASE("a filter must be a condition") {
  auto r = CheckForTestingOnly(std::string(kEvent) + "rule R { from E[i + 1] emit X { v = 1 } }\n");
  CHECK(r->Kinds() == "type-mismatch@2:17");
  CHECK(r->First("type-mismatch")->message ==
        "the filter must be a bool condition, but 'i + 1' is int");
}

TEST_CASE("builtin calls are annotated with their table index") {
  auto r = CheckForTestingOnly(std::string(kEvent) + "rule R { from E emit X { v = length(s) } }\n");
  const Builtin& b = Builtins()[r->EmitValue("R", "v")->decl_index];
  CHECK(b.id == BuiltinId::kLength);
  CHECK(b.name == "length");
}

}  // namespace
}  // namespace cep::check
