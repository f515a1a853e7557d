// Checker tests for patterns: atom types, variables and what each filter can
// read, quantifier bounds, negation shape, `until`, `after match`, unused
// variables.
#include <doctest/doctest.h>

#include "compiler/check/check_testing.h"

namespace cep::check {
namespace {

using testing::CheckForTestingOnly;

constexpr const char* kTypes =
    "event A { x: int, user: string }\n"
    "event B { y: int, user: string }\n";

std::unique_ptr<testing::CheckedForTesting> Rule(std::string body) {
  return CheckForTestingOnly(std::string(kTypes) + "rule R {\n" + body + "\n}\n");
}

TEST_CASE("variables: indexes, repetition, and reads of earlier steps") {
  auto r = Rule(R"(  pattern a: A -> g: (b: B[y > a.x] -> c: A[x == last(b).y])+ -> d: B?
  within 1m
  after match skip to first g
  emit O { n = a.x, m = count(b), k = d.y, p = count(c) })");
  CHECK(r->Kinds() == "");
  ast::Rule* rule = r->FindRule("R");
  REQUIRE(rule->variables.size() == 5);
  const char* names[] = {"a", "g", "b", "c", "d"};
  for (size_t i = 0; i < 5; ++i) CHECK(rule->variables[i].name.text == names[i]);
  CHECK(!rule->variables[0].repeated);
  CHECK(rule->variables[1].repeated);  // the group itself is under +
  CHECK(rule->variables[2].repeated);
  CHECK(rule->variables[1].event_type == kNoEventType);
  CHECK(rule->variables[2].decl == r->Atom("R", "b"));
  CHECK(r->Atom("R", "c")->var_index == 3);
  // d is optional, so the emitted k may be null.
  CHECK(r->checked.schema.Find("O")->FindField("k")->optional);
  CHECK(!r->checked.schema.Find("O")->FindField("n")->optional);
}

TEST_CASE("a repeated variable read in a later step of the same iteration") {
  auto r = Rule(R"(  pattern (b: B -> c: A[x == b.y and x == last(b).y])+
  within 1m
  emit O { m = count(b), n = count(c) })");
  CHECK(r->Kinds() == "type-mismatch@4:30");
  CHECK(r->First("type-mismatch")->message ==
        "'b.y' holds one value per event bound to the repeated variable 'b'; aggregate it, "
        "e.g. last(b).y");
}

TEST_CASE("quantifier bounds") {
  auto r = CheckForTestingOnly(std::string(kTypes) + R"(const N = 3
const F = 1.5
rule Q {
  pattern a: A{N} -> b: B{2, N} -> c: A{0} -> d: B{5,3} -> e: A{1,2000} -> f: A{F} -> g: A{0,0}
  within 1m
  emit O { n = count(a) }
}
)");
  CHECK(r->Kinds() == "invalid-quantifier@6:40 invalid-quantifier@6:51 "
                      "invalid-quantifier@6:64 invalid-quantifier@6:81 "
                      "invalid-quantifier@6:91");
  CHECK(r->Messages() ==
        "'{0}' allows no event at all, so the step matches nothing; remove it, or use '!' to "
        "require that no such event occurs\n"
        "the quantifier's minimum (5) is larger than its maximum (3)\n"
        "quantifier bounds are at most 1000; to count more events use a count window or bound "
        "the loop with 'within'\n"
        "a quantifier bound must be an int literal or an int constant, but 'F' is float\n"
        "'{0,0}' allows no event at all, so the step matches nothing; remove it, or use '!' to "
        "require that no such event occurs\n");
  ast::Rule* rule = r->FindRule("Q");
  auto* seq = rule->pattern.get();
  REQUIRE(seq->children.size() == 7);
  CHECK(seq->children[0]->quant.min == 3);
  CHECK(seq->children[0]->quant.max == 3);
  CHECK(seq->children[1]->quant.min == 2);
  CHECK(seq->children[1]->quant.max == 3);
}

TEST_CASE("symbolic quantifiers") {
  auto r = Rule(R"(  pattern a: A? -> b: B* -> c: A+ -> d: B{2,} -> e: A+? -> f: B
  within 1m
  emit O { n = count(b) + count(c) + count(d) + count(e), m = a.x, k = f.y })");
  CHECK(r->Kinds() == "");
  auto* seq = r->FindRule("R")->pattern.get();
  const std::pair<int64_t, int64_t> expected[] = {{0, 1}, {0, -1}, {1, -1}, {2, -1}, {1, -1}};
  for (size_t i = 0; i < 5; ++i) {
    CAPTURE(i);
    CHECK(seq->children[i]->quant.min == expected[i].first);
    CHECK(seq->children[i]->quant.max == expected[i].second);
  }
  CHECK(!seq->children[4]->quant.greedy);
  CHECK(!r->FindRule("R")->variables[0].repeated);  // a? takes at most one event
}

TEST_CASE("negations: single atoms, never bound") {
  auto r = Rule(R"(  pattern a: A -> !(B -> A) -> !n: B -> b: B
  within 1m
  emit O { n = a.x, m = b.y })");
  CHECK(r->Kinds() == "invalid-negation@4:20 invalid-negation@4:33");
  CHECK(r->Messages() ==
        "only a single event can be negated, e.g. '!Payment[order_id == o.id]'; negate each "
        "event type separately\n"
        "a negated event is never matched, so it cannot be bound to the variable 'n'\n");
}

TEST_CASE("a negated atom's filter reads earlier variables") {
  auto r = Rule(R"(  pattern a: A -> !B[user == a.user and y > x] -> c: A
  within 1m
  emit O { n = a.x, m = c.x })");
  CHECK(r->Kinds() == "unknown-field@4:45");
  CHECK(r->First("unknown-field")->message == "unknown field 'x' in event type 'B'; did you "
                                              "mean 'y'?");
  ast::Pattern* neg = r->Atom("R", "B");
  CHECK(neg->event_type == 1);
}

TEST_CASE("until: typed, and an input of the rule") {
  auto r = Rule(R"(  pattern a: A -> b: B[y > a.x]+ until A[x > a.x] -> c: B+ until [y < 0]
  within 1m
  emit O { n = count(b), m = count(c) })");
  CHECK(r->Kinds() == "");
  ast::Pattern* loop = r->Loop("R");
  REQUIRE(loop->until != nullptr);
  CHECK(loop->until->event_type == 0);
  CHECK(loop->until->filter->args[1]->args[0]->ref == ast::NameRef::kVariable);
  auto* seq = r->FindRule("R")->pattern.get();
  CHECK(seq->children[2]->until->event_type == 1);  // `until [..]`: the loop's type
  CHECK(r->FindCheckedRule("R")->input_types == std::vector<EventTypeId>{0, 1});
}

TEST_CASE("after match") {
  auto r = Rule(R"(  pattern a: A -> b: B+
  within 1m
  after match skip to first bb
  emit O { n = a.x })");
  CHECK(r->Kinds() == "unknown-variable@6:29");
  CHECK(r->First("unknown-variable")->message ==
        "'after match' skips to 'bb', which the pattern does not bind; did you mean 'b'?");
  auto ok = Rule(R"(  pattern a: A -> b: B+
  within 1m
  after match skip to last b
  emit O { n = a.x })");
  CHECK(ok->Kinds() == "");  // the skip target counts as a use of b
}

TEST_CASE("bindings that nothing reads are not reported") {
  auto r = Rule(R"(  pattern a: A -> b: B -> _c: A -> all(d: A, _e: B)
  within 1m
  emit O { n = a.x })");
  // Bindings nothing reads are fine: they name the events in the output.
  CHECK(r->Kinds() == "");
  CHECK(!r->diags.has_errors());
  auto bad = Rule(R"(  pattern a: A -> b: B[nope]
  within 1m
  emit O { n = 1 })");
  CHECK(bad->Kinds() == "unknown-field@4:24");
}

TEST_CASE("unknown atom types do not cascade into their filters") {
  auto r = Rule(R"(  pattern a: Nope[whatever > 1] -> b: B[y > a.x]
  within 1m
  emit O { n = b.y, m = a.x })");
  CHECK(r->Kinds() == "unknown-type@4:14");
}

}  // namespace
}  // namespace cep::check
