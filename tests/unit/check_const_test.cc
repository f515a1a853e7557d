// Checker tests for constants: folding of every value kind, references
// between constants (in any order), cycles, overflow, division by zero,
// timestamps, and values that must be known at compile time.
#include <doctest/doctest.h>

#include "compiler/check/check_testing.h"

namespace cep::check {
namespace {

using testing::CheckForTestingOnly;

std::optional<ConstValue> ValueOf(const testing::CheckedForTesting& r, std::string_view name) {
  for (const CheckedConst& c : r.checked.consts) {
    if (c.name == name) return c.value;
  }
  return std::nullopt;
}

TEST_CASE("constants fold in any declaration order") {
  auto r = CheckForTestingOnly(R"(
const TOTAL = BASE * 2 + EXTRA
const BASE  = 20
const EXTRA = 7 / 2
const RATIO = TOTAL / 4.0
const MIXED = 1 + 0.5
const NEG   = -(3 - 5)
const MOD   = 17 % 5
const W     = 1h + 30m
const SCALE = W * 1.5
const PART  = W / 4
const RATIO2 = W / 45m
const CMP   = "a" < "b" and 2 >= 2.0 and not (W != 90m)
const STR   = "x" + "y"
const ABS   = abs(-4)
const SMALL = min(2, 3.5)
const FIRST = coalesce("a", "b")
const UP    = upper("ab") + lower("CD") + trim("  e ")
const LEN   = length("héllo")
const F     = to_float(3)
const PICK  = if(2 > 1, 4, 0.5)
const SKIP  = if(1 > 2, 10, 20)
)");
  CHECK(r->Kinds() == "");
  CHECK(ValueOf(*r, "TOTAL") == ConstValue::Int(43));
  CHECK(ValueOf(*r, "EXTRA") == ConstValue::Int(3));
  CHECK(ValueOf(*r, "RATIO") == ConstValue::Float(10.75));
  CHECK(ValueOf(*r, "MIXED") == ConstValue::Float(1.5));
  CHECK(ValueOf(*r, "NEG") == ConstValue::Int(2));
  CHECK(ValueOf(*r, "MOD") == ConstValue::Int(2));
  CHECK(ValueOf(*r, "W") == ConstValue::Duration(5'400'000'000'000));
  CHECK(ValueOf(*r, "SCALE") == ConstValue::Duration(8'100'000'000'000));
  CHECK(ValueOf(*r, "PART") == ConstValue::Duration(1'350'000'000'000));
  CHECK(ValueOf(*r, "RATIO2") == ConstValue::Float(2.0));
  CHECK(ValueOf(*r, "CMP") == ConstValue::Bool(true));
  CHECK(ValueOf(*r, "STR") == ConstValue::String("xy"));
  CHECK(ValueOf(*r, "ABS") == ConstValue::Int(4));
  CHECK(ValueOf(*r, "SMALL") == ConstValue::Float(2.0));
  CHECK(ValueOf(*r, "FIRST") == ConstValue::String("a"));
  CHECK(ValueOf(*r, "UP") == ConstValue::String("ABcde"));
  CHECK(ValueOf(*r, "LEN") == ConstValue::Int(5));  // code points, as at run time
  CHECK(ValueOf(*r, "F") == ConstValue::Float(3.0));
  CHECK(ValueOf(*r, "PICK") == ConstValue::Float(4.0));
  CHECK(ValueOf(*r, "SKIP") == ConstValue::Int(20));
  CHECK(FormatDuration(5'400'000'000'000) == "90m");
  CHECK(FormatDuration(1'500'000) == "1500us");
  CHECK(FormatDuration(0) == "0s");
}

TEST_CASE("a const reference is annotated with its index") {
  auto r = CheckForTestingOnly(R"(
const A = 1
const B = A + 1
)");
  const ast::Expr& b = *r->program.modules[0].consts[1].value;
  CHECK(b.args[0]->ref == ast::NameRef::kConst);
  CHECK(b.args[0]->decl_index == 0);
  CHECK(b.type == Type::Of(TypeKind::kInt));
}

TEST_CASE("constants that depend on themselves") {
  auto r = CheckForTestingOnly(R"(const A = B + 1
const B = C * 2
const C = A
const SELF = SELF
const OK = 1
)");
  CHECK(r->Kinds() == "not-constant@3:11 not-constant@4:14");
  CHECK(r->Messages() ==
        "constant 'A' depends on itself (A -> B -> C -> A)\n"
        "  note@1:7: 'A' declared here\n"
        "constant 'SELF' depends on itself (SELF -> SELF)\n"
        "  note@4:7: 'SELF' declared here\n");
  CHECK(!ValueOf(*r, "A").has_value());
  CHECK(ValueOf(*r, "OK") == ConstValue::Int(1));
}

TEST_CASE("values a constant cannot have") {
  auto r2 = CheckForTestingOnly(R"(const N = null
const F = to_string(1)
const G = "a" =~ /a/
const H = 1 in [1, 2]
)");
  CHECK(r2->Kinds() == "type-mismatch@1:11 not-constant@2:11 not-constant@3:11 "
                       "not-constant@4:11");
  CHECK(r2->Messages() ==
        "constant 'N' cannot be null; a constant needs a value\n"
        "'to_string(1)' calls 'to_string', which is not evaluated when the rules are compiled; "
        "the value of constant 'F' must be known when the rules are compiled\n"
        "'\"a\" =~ /a/' cannot be evaluated when the rules are compiled; the value of constant "
        "'G' must be known when the rules are compiled\n"
        "'1 in [1, 2]' cannot be evaluated when the rules are compiled; the value of constant "
        "'H' must be known when the rules are compiled\n");
}

TEST_CASE("overflow and division by zero") {
  auto r = CheckForTestingOnly(R"(const BIG = 9223372036854775807
const O1 = BIG + 1
const O2 = BIG * 2
const O3 = -BIG - 2
const Z1 = 10 / 0
const Z2 = 10 % (2 - 2)
const Z3 = 1.5 / 0.0
const Z4 = 1h / 0
const D = 106751d * 2
)");
  CHECK(r->Kinds() ==
        "constant-overflow@2:12 constant-overflow@3:12 constant-overflow@4:12 "
        "division-by-zero@5:17 division-by-zero@6:18 division-by-zero@7:18 "
        "division-by-zero@8:17 constant-overflow@9:11");
  CHECK(r->First("constant-overflow")->message == "the value of 'BIG + 1' does not fit in 64 bits");
  CHECK(r->First("division-by-zero")->message == "division by zero");
  CHECK(r->Text(r->First("division-by-zero")->range) == "0");
}

TEST_CASE("timestamps are parsed when the rules are checked") {
  auto r = CheckForTestingOnly(R"(const T1 = timestamp("2024-02-29T23:59:59.5Z")
const T2 = timestamp("2024-01-01T01:00:00+01:00")
const BAD = timestamp("2024-13-01T00:00:00Z")
const DATE = timestamp("2024-01-01")
const NUM = timestamp(5)
)");
  CHECK(r->Kinds() == "invalid-timestamp@3:23 invalid-timestamp@4:24 type-mismatch@5:23");
  CHECK(r->First("invalid-timestamp")->message ==
        "invalid timestamp \"2024-13-01T00:00:00Z\"; expected RFC 3339, e.g. "
        "\"2024-01-31T12:00:00Z\" or \"2024-01-31T12:00:00.5+01:00\"");
  CHECK(r->Text(r->First("invalid-timestamp")->range) == "\"2024-13-01T00:00:00Z\"");
  CHECK(ValueOf(*r, "T1") == ConstValue::Timestamp(1709251199'500'000'000));
  CHECK(ValueOf(*r, "T2") == ConstValue::Timestamp(1704067200'000'000'000));
}

TEST_CASE("compile-time values: within, windows, suppress, quantifier bounds") {
  auto r = CheckForTestingOnly(R"(event E { n: int, d: duration }
const TEN = 10
const HALF_MIN = 30s
rule P {
  pattern a: E{TEN} -> b: E{1, n}
  within a.d
  emit X { n = count(a) }
  suppress for HALF_MIN * 2
}
rule W {
  from E
  window sliding 1m every TEN
  emit Y { n = count() }
}
)");
  CHECK(r->Kinds() == "unknown-name@5:32 unknown-name@6:10 invalid-duration-value@12:27");
  CHECK(r->Messages() ==
        "unknown constant 'n' (only literals and constants can be used here)\n"
        "unknown constant 'a' (only literals and constants can be used here)\n"
        "the window slide ('every') must be a duration such as 10m, but it is int; write a "
        "unit, e.g. 10s or 10m\n");
  CHECK(r->FindCheckedRule("P")->suppress_ns == 60'000'000'000);
  CHECK(r->Loop("P")->quant.min == 10);
  CHECK(r->Loop("P")->quant.max == 10);
}

}  // namespace
}  // namespace cep::check
