// Checker tests for state bounds (state_bounds.cc): unbounded loops and
// negations without `within`, absence at the end of a pattern, negations that
// cannot be decided, and exponential skip-till-any-match.
#include <doctest/doctest.h>

#include "compiler/check/check_testing.h"

namespace cep::check {
namespace {

using testing::CheckForTestingOnly;

constexpr const char* kTypes =
    "event Order { id: string }\n"
    "event Pay { order_id: string, amount: float }\n";

std::unique_ptr<testing::CheckedForTesting> Rule(std::string clauses) {
  return CheckForTestingOnly(std::string(kTypes) + "rule R {\n" + clauses + "\n}\n");
}

TEST_CASE("an unbounded loop needs within") {
  auto r = Rule(R"(  pattern o: Order -> p: Pay[order_id == o.id]+
  emit O { n = count(p) })");
  CHECK(r->Kinds() == "unbounded-state@4:23");
  const Diagnostic* d = r->First("unbounded-state");
  CHECK(d->message ==
        "the loop 'p: Pay[order_id == o.id]+' has no upper bound and the rule has no 'within', "
        "so its partial matches can grow without limit");
  REQUIRE(d->notes.size() == 1);
  CHECK(d->notes[0].message ==
        "add 'within <duration>' to rule 'R', or give the loop an upper bound such as {1,100}");
  CHECK(r->Where(d->notes[0].range) == "3:6");

  CHECK(Rule(R"(  pattern o: Order -> p: Pay[order_id == o.id]{1,50}
  emit O { n = count(p) })")->Kinds() == "");
  CHECK(Rule(R"(  pattern o: Order -> p: Pay[order_id == o.id]+
  within 1h
  emit O { n = count(p) })")->Kinds() == "");
}

TEST_CASE("a negation between steps needs a within") {
  auto r = Rule(R"(  pattern o: Order -> !Pay[order_id == o.id] -> o2: Order
  emit O { a = o.id, b = o2.id })");
  CHECK(r->Kinds() == "unbounded-state@4:23");
  CHECK(r->First("unbounded-state")->message ==
        "the negation '!Pay[order_id == o.id]' in a rule without 'within' keeps every partial "
        "match waiting forever for the next step");
  // Its own window bounds it.
  // Only a trailing absence has a window of its own.
  CHECK(Rule(R"(  pattern o: Order -> !Pay[order_id == o.id] within 10m -> o2: Order
  emit O { a = o.id, b = o2.id })")->Kinds() == "invalid-negation@4:23");
}

TEST_CASE("absence at the end of a pattern needs a window") {
  auto r = Rule(R"(  pattern o: Order -> !Pay[order_id == o.id]
  emit O { a = o.id })");
  CHECK(r->Kinds() == "absence-needs-window@4:23");
  CHECK(r->First("absence-needs-window")->message ==
        "the negation '!Pay[order_id == o.id]' ends the pattern, so it needs a time limit: "
        "without one the absence is never confirmed");
  CHECK(Rule(R"(  pattern o: Order -> !Pay[order_id == o.id] within 15m
  emit O { a = o.id })")->Kinds() == "");
  CHECK(Rule(R"(  pattern o: Order -> !Pay[order_id == o.id]
  within 15m
  emit O { a = o.id })")->Kinds() == "");
  // A negation that ends one alternative is trailing too.
  CHECK(Rule(R"(  pattern o: Order -> (!Pay -> Order | Order -> !Pay)
  emit O { a = o.id })")->Kinds() == "invalid-negation@4:24 invalid-negation@4:49");
}

TEST_CASE("the absence window must be a positive duration") {
  auto r = Rule(R"(  pattern o: Order -> !Pay within 0s
  emit O { a = o.id })");
  CHECK(r->Kinds() == "invalid-duration-value@4:35");
  CHECK(r->First("invalid-duration-value")->message ==
        "the absence window must be positive, but it is 0s");
}

TEST_CASE("negations that cannot be decided") {
  auto r = Rule(R"(  pattern !Pay -> o: Order -> (!Pay | Order) -> all(Order, !Pay) -> (!Pay)+ -> Pay
  within 1h
  emit O { a = o.id })");
  CHECK(r->Kinds() ==
        "invalid-negation@4:11 invalid-negation@4:32 invalid-negation@4:60 "
        "invalid-negation@4:70");
  CHECK(r->Messages() ==
        "a pattern cannot start with the negation '!Pay': absence is measured from an earlier "
        "event; put a step before it\n"
        "'!Pay' cannot be an alternative on its own: an absence is only defined between two "
        "steps of a sequence\n"
        "'!Pay' cannot be a branch of all(...), whose branches have no order; put the negation "
        "in a sequence\n"
        "a negation cannot be repeated ('(!Pay)+')\n");
  // After an optional first step the negation may still start the match.
  CHECK(Rule(R"(  pattern o: Order? -> !Pay -> Order
  within 1h
  emit O { a = o.id })")->Kinds() == "invalid-negation@4:24");
}

TEST_CASE("skip-till-any-match with an unbounded loop") {
  auto r = Rule(R"(  pattern o: Order ->> p: Pay[order_id == o.id]+
  within 1h
  emit O { n = count(p) })");
  CHECK(r->Kinds() == "exponential-matches@4:24");
  const Diagnostic* d = r->First("exponential-matches");
  CHECK(d->severity == Severity::kWarning);
  CHECK(d->message ==
        "skip-till-any-match ('->>') with the unbounded loop 'p: Pay[order_id == o.id]+' can "
        "produce exponentially many matches");
  REQUIRE(d->notes.size() == 1);
  CHECK(r->Text(d->notes[0].range) == "->>");

  auto any = Rule(R"(  pattern o: Order -> p: Pay+ any
  within 1h
  emit O { n = count(p), a = o.id })");
  CHECK(any->Kinds() == "exponential-matches@4:23");
  CHECK(Rule(R"(  pattern o: Order ->> p: Pay{1,20}
  within 1h
  emit O { n = count(p), a = o.id })")->Kinds() == "");
}

}  // namespace
}  // namespace cep::check
