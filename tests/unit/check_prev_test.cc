// Checker tests for `prev`: the event matched just before the current one,
// computed from the pattern's Glushkov follow sets (pattern_flow.cc).
#include <doctest/doctest.h>

#include "compiler/check/check_testing.h"

namespace cep::check {
namespace {

using testing::CheckForTestingOnly;

constexpr const char* kTypes =
    "event A { x: int, p: float }\n"
    "event B { x: int, q: float }\n"
    "event C { x: string }\n"
    "event D { y: int, x: int }\n";

std::unique_ptr<testing::CheckedForTesting> Rule(std::string pattern, std::string emit = "1") {
  return CheckForTestingOnly(std::string(kTypes) + "rule R {\n  pattern " + pattern +
                             "\n  within 1m\n  emit O { v = " + emit + " }\n}\n");
}

TEST_CASE("prev inside a loop and after the step before it") {
  auto r = Rule("_a: A -> _d: A[p < prev.p]+ -> _u: A[p > prev.p]+");
  CHECK(r->Kinds() == "");
  const ast::Expr& prev_p = *r->Atom("R", "_d")->filter->args[1];
  CHECK(prev_p.args[0]->ref == ast::NameRef::kPrev);
  CHECK(prev_p.slot == 2);
  CHECK(prev_p.type == Type::Of(TypeKind::kFloat));
  CHECK(r->checked.schema.Find("O") != nullptr);
}

TEST_CASE("prev on the first step of a match") {
  auto r = Rule("a: A[x > prev.x] -> b: B", "a.x + b.x");
  CHECK(r->Kinds() == "invalid-prev@6:20");
  CHECK(r->First("invalid-prev")->message ==
        "'prev' has no event here: 'a: A' is always the first event of a match");
  CHECK(r->Text(r->First("invalid-prev")->range) == "prev");
}

TEST_CASE("prev outside a pattern filter") {
  auto r = CheckForTestingOnly(std::string(kTypes) +
                               "rule F { from A[x > prev.x] emit O { v = 1 } }\n");
  CHECK(r->Kinds() == "invalid-prev@5:21");
  CHECK(r->First("invalid-prev")->message ==
        "'prev' can only be used in the filter of a pattern step");
}

TEST_CASE("prev after an optional step may be null") {
  auto r = Rule("_a: A? -> b: B[x > prev.x]", "b.x");
  CHECK(r->Kinds() == "");
}

TEST_CASE("prev with several possible predecessors") {
  // After (A | B) prev is an A or a B: both have x (int), only A has p.
  auto ok = Rule("(_a: A | _b: B) -> _c: D[y > prev.x]");
  CHECK(ok->Kinds() == "");
  CHECK(ok->Atom("R", "_c")->filter->args[1]->slot == 1);

  auto missing = Rule("(_a: A | _b: B) -> _c: D[y > prev.p]");
  CHECK(missing->Kinds() == "unknown-field@6:45");
  CHECK(missing->First("unknown-field")->message ==
        "'prev' can be an event of type 'B' here, which has no field 'p'");

  auto types = Rule("(_a: A | _c: C) -> _d: D[y > 0 and prev.x == 1]");
  CHECK(types->Kinds() == "type-mismatch@6:46");
  CHECK(types->First("type-mismatch")->message ==
        "'prev.x' has different types here: int in 'A' and string in 'C'");

  // Different slots for the same field: the slot is left to per-type lookup.
  auto slots = Rule("(_a: A | _d: D) -> _b: B[x > prev.x]");
  CHECK(slots->Kinds() == "");
  CHECK(slots->Atom("R", "_b")->filter->args[1]->slot == -1);

  auto bare = Rule("(_a: A | _b: B) -> _c: D[prev.time < time and prev is not null]");
  CHECK(bare->Kinds() == "type-mismatch@6:57");
}

TEST_CASE("prev through all(), groups and loops") {
  // In all(A, B) either may come first: A's prev is B or nothing.
  auto r = Rule("s: D -> all(_a: A[x > prev.x], _b: B[x > prev.x])", "s.y");
  CHECK(r->Kinds() == "");
  // The first step of a loop body sees the previous iteration's last event.
  auto loop = Rule("s: D -> (_a: A[x > prev.x] -> _b: B)+", "s.y");
  CHECK(loop->Kinds() == "");
  auto loop_bad = Rule("s: D -> (_a: A[p > prev.p] -> _b: B)+", "s.y");
  CHECK(loop_bad->Kinds() == "unknown-field@6:35");  // prev may be a D or a B
  // A negation is never a predecessor: C's prev is A.
  auto neg = Rule("a: A -> !B -> _c: A[p > prev.p]", "a.x");
  CHECK(neg->Kinds() == "");
}

}  // namespace
}  // namespace cep::check
