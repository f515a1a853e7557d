// Tests of the NFA compiler (compiler/nfa/compile.h) through its stable dump:
// edge policies, negation guards, priorities of greedy / reluctant loops and
// alternation, bounded-repeat expansion, all() orders, absence edges, until,
// shared predicates, and the size-budget diagnostics.
#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "compiler/driver/frontend.h"
#include "compiler/nfa/dump.h"

namespace cep::nfa {
namespace {

constexpr char kTypes[] = "event A { x: int }\nevent B { x: int }\nevent C { x: int }\n";

struct Compiled {
  SourceManager sources;
  DiagnosticEngine diags;
  std::unique_ptr<driver::FrontendResult> r;
  std::string Dump(size_t rule = 0) const { return DumpRule(r->nfa, rule, r->checked.schema); }
  std::string Kinds() const {
    std::string s;
    for (const Diagnostic* d : diags.Sorted()) s += std::string(Info(d->kind).name) + " ";
    return s;
  }
};

std::unique_ptr<Compiled> Compile(const std::string& rules, CompileLimits limits = {}) {
  auto c = std::make_unique<Compiled>();
  c->r = driver::CompileText("t.cep", std::string(kTypes) + rules, c->sources, c->diags, limits);
  return c;
}

// The state lines and edge lines after the header.
std::string Body(const std::string& dump) {
  size_t at = dump.find("  0 start");
  return at == std::string::npos ? dump : dump.substr(at);
}

TEST_CASE("sequence policies and negation guards sit on the edges") {
  auto c = Compile("rule R { pattern a: A ; b: B -> !C -> d: A ->> e: B within 1m emit O {} }");
  REQUIRE(c->r->compiled_ok);
  CHECK(Body(c->Dump()) ==
        "  0 start\n"
        "    -> 4 any\n"
        "  1 take e: B\n"
        "    -> accept\n"
        "  2 take d: A\n"
        "    -> 1 any\n"
        "  3 take b: B\n"
        "    -> 2 relaxed unless C\n"
        "  4 take a: A\n"
        "    -> 3 strict\n");
}

TEST_CASE("greedy loops try another iteration first, reluctant ones leave first") {
  auto greedy = Compile("rule R { pattern a: A -> b: B+ -> c: C within 1m emit O {} }");
  CHECK(Body(greedy->Dump()) ==
        "  0 start\n"
        "    -> 3 any\n"
        "  1 take c: C\n"
        "    -> accept\n"
        "  2 take b: B\n"
        "    -> 2 relaxed\n"
        "    -> 1 relaxed\n"
        "  3 take a: A\n"
        "    -> 2 relaxed\n");
  auto reluctant = Compile("rule R { pattern a: A -> b: B+? strict -> c: C within 1m emit O {} }");
  CHECK(Body(reluctant->Dump()).find("  2 take b: B\n"
                                     "    -> 1 relaxed\n"
                                     "    -> 2 strict\n") != std::string::npos);
}

TEST_CASE("bounded repeats expand into copies; optional steps can be skipped") {
  auto c = Compile("rule R { pattern a: A -> b: B{2,3} -> c: C? -> d: A within 1m emit O {} }");
  REQUIRE(c->r->compiled_ok);
  // a, three copies of b, c, d.
  CHECK(c->Dump().find("rule R: 7 states") == 0);
  std::string body = Body(c->Dump());
  // The second copy may go on to the third copy, or skip to c, or skip c to d.
  CHECK(body.find("    -> 3 relaxed\n    -> 2 relaxed\n    -> 1 relaxed\n") != std::string::npos);
}

TEST_CASE("alternation keeps its written order; all() becomes every order") {
  auto alt = Compile("rule R { pattern a: A -> (b: B | c: C) within 1m emit O {} }");
  CHECK(Body(alt->Dump()).find("  3 take a: A\n    -> 1 relaxed\n    -> 2 relaxed\n") !=
        std::string::npos);
  auto all = Compile("rule R { pattern all(a: A, b: B, c: C) within 1m emit O {} }");
  REQUIRE(all->r->compiled_ok);
  // 3! orders of 3 atoms, plus the start.
  CHECK(all->Dump().find("rule R: 19 states") == 0);
}

TEST_CASE("a trailing absence is an accept-after-absence edge") {
  auto c = Compile("rule R { pattern a: A -> !B[x == 1] within 5m emit O {} }");
  REQUIRE(c->r->compiled_ok);
  CHECK(c->Dump().find("  absence: !B pred#0 within 5m\n") != std::string::npos);
  CHECK(Body(c->Dump()) == "  0 start\n    -> 1 any\n  1 take a: A\n    -> accept after absence\n");
}

TEST_CASE("until: no loop position takes an until event, and it ends the loop") {
  auto c = Compile("rule R { pattern a: A -> b: B+ until C -> d: A within 1m emit O {} }");
  REQUIRE(c->r->compiled_ok);
  CHECK(Body(c->Dump()) ==
        "  0 start\n"
        "    -> 3 any\n"
        "  1 take d: A\n"
        "    -> accept\n"
        "  2 take b: B\n"
        "    -> 2 relaxed unless C until C\n"
        "    -> 1 relaxed\n"
        "  3 take a: A\n"
        "    -> 2 relaxed until C\n");
}

TEST_CASE("equal single-event predicates are shared across rules") {
  auto c = Compile(
      "rule R { pattern a: A[x > 1] -> b: B within 1m emit O {} }\n"
      "rule S { pattern a: A[x > 1] -> c: C[x > 1] within 1m emit P {} }");
  REQUIRE(c->r->compiled_ok);
  // A[x > 1] once, C[x > 1] once (another type: another predicate).
  CHECK(c->r->ir.predicates.size() == 2);
  CHECK(c->Dump(0).find("take a: A pred#0") != std::string::npos);
  CHECK(c->Dump(1).find("take a: A pred#0") != std::string::npos);
  CHECK(c->Dump(1).find("take c: C pred#1") != std::string::npos);
}

TEST_CASE("the size budget and empty patterns are diagnostics") {
  CompileLimits small;
  small.max_states = 20;
  auto big = Compile("rule R { pattern a: A{30} within 1m emit O {} }", small);
  CHECK(big->Kinds() == "rule-too-large ");
  auto all = Compile("rule R { pattern all(a: A, b: B, c: C, d: A, e: B, f: C) within 1m emit O {} }");
  CHECK(all->Kinds() == "rule-too-large ");
  auto empty = Compile("rule R { pattern a: A* within 1m emit O {} }");
  CHECK(empty->Kinds() == "empty-match ");
}

}  // namespace
}  // namespace cep::nfa
