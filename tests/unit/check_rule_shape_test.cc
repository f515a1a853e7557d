// Checker tests for the shape of a rule: which clauses it needs and which
// belong together.
#include <doctest/doctest.h>

#include "compiler/check/check_testing.h"

namespace cep::check {
namespace {

using testing::CheckForTestingOnly;

constexpr const char* kTypes = "event E { k: string, n: int }\n";

std::unique_ptr<testing::CheckedForTesting> Rule(std::string clauses) {
  return CheckForTestingOnly(std::string(kTypes) + "rule R {\n" + clauses + "\n}\n");
}

TEST_CASE("a rule needs pattern or from, and emit") {
  auto r = Rule("  within 1m");
  CHECK(r->Kinds() == "missing-clause@2:6 missing-clause@2:6");
  CHECK(r->Messages() ==
        "rule 'R' has neither 'pattern' nor 'from'; say which events it reads\n"
        "rule 'R' has no 'emit' clause; say what it produces, e.g. 'emit Alert { ... }'\n");
}

TEST_CASE("pattern and from together") {
  auto r = Rule(R"(  pattern a: E
  from E
  within 1m
  emit O { n = a.n })");
  CHECK(r->Kinds() == "conflicting-clauses@4:3");
  CHECK(r->First("conflicting-clauses")->message ==
        "a rule reads events either with 'pattern' or with 'from', not both");
  CHECK(r->Where(r->First("conflicting-clauses")->notes[0].range) == "3:11");
}

TEST_CASE("clauses of from rules in a pattern rule") {
  auto r = Rule(R"(  pattern a: E
  window tumbling 1m
  group by k
  having n > 1
  on timeout emit T { n = 1 }
  emit O { n = a.n })");
  CHECK(r->Kinds() ==
        "conflicting-clauses@4:10 conflicting-clauses@5:12 conflicting-clauses@6:10 "
        "missing-clause@7:19");
  CHECK(r->Messages() ==
        "'window' belongs to 'from' rules; a pattern rule bounds its matches with 'within'\n"
        "'group by' belongs to 'from' rules; a pattern rule uses 'partition by'\n"
        "'having' belongs to windowed 'from' rules; in a pattern rule put the condition in a "
        "step's filter\n"
        "'on timeout emit' needs a 'within' clause: a partial match times out when its "
        "'within' expires\n");
}

TEST_CASE("clauses of pattern rules in a from rule") {
  auto r = Rule(R"(  from E
  partition by k
  within 1m
  after match skip to next
  on timeout emit T { n = 1 }
  group by k
  having n > 1
  emit O { n = 1 })");
  CHECK(r->Kinds() ==
        "conflicting-clauses@4:16 conflicting-clauses@5:10 conflicting-clauses@6:3 "
        "conflicting-clauses@7:19 missing-clause@8:12 missing-clause@9:10");
  CHECK(r->Messages() ==
        "'partition by' belongs to pattern rules; a 'from' rule uses 'group by'\n"
        "'within' belongs to pattern rules; a 'from' rule aggregates over a 'window'\n"
        "'after match' belongs to pattern rules\n"
        "'on timeout emit' belongs to pattern rules with 'within'\n"
        "'group by' needs a 'window' to aggregate over, e.g. 'window tumbling 1m'\n"
        "'having' needs a 'window' to aggregate over; to test each event put the condition in "
        "the 'from' filter\n");
}

TEST_CASE("within must be a constant positive duration") {
  auto r = Rule(R"(  pattern a: E
  within -5m
  emit O { n = a.n })");
  CHECK(r->Kinds() == "invalid-duration-value@4:10");
  CHECK(r->First("invalid-duration-value")->message ==
        "the 'within' window must be positive, but it is -5m");
  CHECK(r->FindRule("R")->within_ns == -1);
}

}  // namespace
}  // namespace cep::check
