// Tests for the reference matcher (tests/reference/reference_matcher.h, FOR
// TESTING ONLY): hand-written examples of docs/semantics.md with expected
// outputs worked out by hand from the spec, so the reference the
// differential test trusts is itself pinned to the spec.
#include "tests/reference/reference_matcher.h"

#include <cstdio>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "compiler/diag/diagnostic.h"
#include "compiler/diag/render.h"
#include "compiler/driver/frontend.h"
#include "compiler/source/source_manager.h"

namespace cep::reference {
namespace {

constexpr const char* kDecls =
    "event A { x: int, k: int }\n"
    "event B { x: int, k: int }\n"
    "event C { x: int, k: int }\n";

// Compiles `rules` after the declarations, builds `events` ("A1 B0@3 C2k1",
// i.e. type, x, optional k<k>, optional @<second>; without @ an event is one
// second after the previous one, starting at 0) and returns the reference's
// results formatted by FormatResult.
std::vector<std::string> Run(const std::string& rules, const std::string& events) {
  SourceManager sources;
  DiagnosticEngine diags;
  std::unique_ptr<driver::FrontendResult> fr =
      driver::CompileText("test.cep", std::string(kDecls) + rules, sources, diags);
  if (!fr->checked_ok) {
    std::ostringstream out;
    RenderDiagnostics(sources, diags, DiagFormat::kText, RenderOptions{}, out);
    FAIL("does not compile:\n" << rules << "\n" << out.str());
    return {};
  }
  rt::EventStore store;
  rt::EventBuilder b;
  std::vector<rt::Event*> built;
  std::istringstream in(events);
  std::string item;
  int64_t second = -1;
  while (in >> item) {
    char type = 0;
    long long x = 0, k = 0, t = -1;
    size_t at = item.find('@');
    size_t kpos = item.find('k');
    std::sscanf(item.c_str(), "%c%lld", &type, &x);
    if (kpos != std::string::npos) std::sscanf(item.c_str() + kpos + 1, "%lld", &k);
    if (at != std::string::npos) std::sscanf(item.c_str() + at + 1, "%lld", &t);
    second = t >= 0 ? t : second + 1;
    const check::EventTypeInfo* info = fr->checked.schema.Find(std::string(1, type));
    REQUIRE(info != nullptr);
    b.Start(info->id, static_cast<uint16_t>(info->fields.size()));
    b.SetTime(second * 1000000000);
    b.Set(info->FindField("x")->slot, rt::Value::Int(x));
    b.Set(info->FindField("k")->slot, rt::Value::Int(k));
    rt::Event* e = b.Build(store);
    e->seq = built.size() + 1;
    built.push_back(e);
  }
  std::vector<const rt::Event*> view(built.begin(), built.end());
  RefOutput out = ReferenceMatchForTestingOnly(*fr, view);
  CHECK(out.ok);
  std::vector<std::string> lines;
  for (const RefResult& r : out.results) lines.push_back(FormatResult(r));
  for (rt::Event* e : built) store.Release(e);
  return lines;
}

using Lines = std::vector<std::string>;

// ---- the example of semantics.md: a1 b1 b2 c1 ----

const char* const kABC = "pattern a: A -> b: B+ -> c: C\n within 10s\n emit O { n = count(b) }\n";

std::string Rule(const std::string& pattern_and_clauses) {
  return "rule R {\n " + pattern_and_clauses + "}\n";
}

TEST_CASE("greedy B+ over a1 b1 b2 c1: the longer match under every skip strategy") {
  const std::string stream = "A0 B0 B0 C0";
  const Lines one = {"rule=0 time=3s {a:[1] b:[2,3] c:[4]} (i:2)"};
  CHECK(Run(Rule(kABC), stream) == one);
  CHECK(Run(Rule(std::string(kABC) + " after match skip past last\n"), stream) == one);
  CHECK(Run(Rule(std::string(kABC) + " after match skip to next\n"), stream) == one);
  CHECK(Run(Rule(std::string(kABC) + " after match skip to first b\n"), stream) == one);
  CHECK(Run(Rule(std::string(kABC) + " after match skip to last b\n"), stream) == one);
  CHECK(Run(Rule(std::string(kABC) + " after match no skip\n"), stream) ==
        Lines{"rule=0 time=3s {a:[1] b:[2,3] c:[4]} (i:2)",
              "rule=0 time=3s {a:[1] b:[2] c:[4]} (i:1)"});
}

TEST_CASE("reluctant B+? over a1 b1 b2 c1: the order flips") {
  const std::string rule =
      "pattern a: A -> b: B+? -> c: C\n within 10s\n emit O { n = count(b) }\n";
  const std::string stream = "A0 B0 B0 C0";
  CHECK(Run(Rule(rule), stream) == Lines{"rule=0 time=3s {a:[1] b:[2] c:[4]} (i:1)"});
  CHECK(Run(Rule(rule + " after match skip to next\n"), stream) ==
        Lines{"rule=0 time=3s {a:[1] b:[2] c:[4]} (i:1)"});
  CHECK(Run(Rule(rule + " after match no skip\n"), stream) ==
        Lines{"rule=0 time=3s {a:[1] b:[2] c:[4]} (i:1)",
              "rule=0 time=3s {a:[1] b:[2,3] c:[4]} (i:2)"});
}

// a1 b1 a2 b2 c1: matches at c1 are {a1 b1 b2 c1} > {a1 b1 c1} (start a1)
// and {a2 b2 c1} (start a2, seq 3); b's first event in the reported match is
// seq 2, its last seq 4.
TEST_CASE("after-match strategies differ on a1 b1 a2 b2 c1") {
  const std::string stream = "A0 B0 A0 B0 C0";
  const std::string first = "rule=0 time=4s {a:[1] b:[2,4] c:[5]} (i:2)";
  const std::string later = "rule=0 time=4s {a:[3] b:[4] c:[5]} (i:1)";
  CHECK(Run(Rule(std::string(kABC) + " after match skip past last\n"), stream) == Lines{first});
  CHECK(Run(Rule(std::string(kABC) + " after match skip to next\n"), stream) ==
        Lines{first, later});
  // start 3 is not before b's first event (2) and not the start (1): reported.
  CHECK(Run(Rule(std::string(kABC) + " after match skip to first b\n"), stream) ==
        Lines{first, later});
  // start 3 is before b's last event (4): suppressed.
  CHECK(Run(Rule(std::string(kABC) + " after match skip to last b\n"), stream) == Lines{first});
  CHECK(Run(Rule(std::string(kABC) + " after match no skip\n"), stream) ==
        Lines{first, "rule=0 time=4s {a:[1] b:[2] c:[5]} (i:1)", later});
}

TEST_CASE(
    "skip past last suppresses a match starting inside the previous one; skip to next does not") {
  const std::string rule = "pattern a: A ->> b: B\n emit O {}\n";
  CHECK(Run(Rule(rule), "A0 A0 B0") == Lines{"rule=0 time=2s {a:[1] b:[3]} ()"});
  CHECK(Run(Rule(rule + " after match skip to next\n"), "A0 A0 B0") ==
        Lines{"rule=0 time=2s {a:[1] b:[3]} ()", "rule=0 time=2s {a:[2] b:[3]} ()"});
}

// ---- contiguity ----

TEST_CASE("strict, relaxed and any contiguity on a1 a2 b1 b2") {
  const std::string stream = "A0 A0 B0 B0";
  CHECK(Run(Rule("pattern a: A ; b: B\n emit O {}\n after match no skip\n"), stream) ==
        Lines{"rule=0 time=2s {a:[2] b:[3]} ()"});
  CHECK(Run(Rule("pattern a: A -> b: B\n emit O {}\n after match no skip\n"), stream) ==
        Lines{"rule=0 time=2s {a:[1] b:[3]} ()", "rule=0 time=2s {a:[2] b:[3]} ()"});
  CHECK(Run(Rule("pattern a: A ->> b: B\n emit O {}\n after match no skip\n"), stream) ==
        Lines{"rule=0 time=2s {a:[1] b:[3]} ()", "rule=0 time=2s {a:[2] b:[3]} ()",
              "rule=0 time=3s {a:[1] b:[4]} ()", "rule=0 time=3s {a:[2] b:[4]} ()"});
}

TEST_CASE("events of other types never break strict contiguity") {
  CHECK(Run(Rule("pattern a: A ; b: B\n emit O {}\n"), "A0 C0 B0") ==
        Lines{"rule=0 time=2s {a:[1] b:[3]} ()"});
}

TEST_CASE("relaxed skips only events that fail the next position's test") {
  // b(x=0) fails x >= a.x (a.x = 1): skipped; b(x=2) is taken.
  CHECK(Run(Rule("pattern a: A -> b: B[x >= a.x]\n emit O { f = b.x }\n"), "A1 B0 B2") ==
        Lines{"rule=0 time=2s {a:[1] b:[3]} (i:2)"});
}

TEST_CASE("loop policies: relaxed, strict and any iterations") {
  const std::string tail = " -> c: C\n within 10s\n emit O {}\n after match no skip\n";
  // a1 b1 a2 b2 c1: a strict loop cannot step from b1 over a2 to b2.
  CHECK(Run(Rule("pattern a: A -> b: B+ strict" + tail), "A0 B0 A0 B0 C0") ==
        Lines{"rule=0 time=4s {a:[1] b:[2] c:[5]} ()", "rule=0 time=4s {a:[3] b:[4] c:[5]} ()"});
  CHECK(Run(Rule("pattern a: A -> b: B+" + tail), "A0 B0 A0 B0 C0") ==
        Lines{"rule=0 time=4s {a:[1] b:[2,4] c:[5]} ()", "rule=0 time=4s {a:[1] b:[2] c:[5]} ()",
              "rule=0 time=4s {a:[3] b:[4] c:[5]} ()"});
  // a1 b1 b2 b3 c1: `any` also takes b1 b3; the first iteration still follows `->`.
  CHECK(Run(Rule("pattern a: A -> b: B+ any" + tail), "A0 B0 B0 B0 C0") ==
        Lines{"rule=0 time=4s {a:[1] b:[2,3,4] c:[5]} ()",
              "rule=0 time=4s {a:[1] b:[2,3] c:[5]} ()", "rule=0 time=4s {a:[1] b:[2,4] c:[5]} ()",
              "rule=0 time=4s {a:[1] b:[2] c:[5]} ()"});
}

TEST_CASE("running aggregates include the event being tested") {
  // sum(b.x) <= 2 over b(1) b(1) b(1): at most two per match.
  CHECK(Run(Rule("pattern b: B[sum(b.x) <= 2]+ -> c: C\n within 10s\n emit O { s = sum(b.x) }\n"
                 " after match no skip\n"),
            "B1 B1 B1 C0") ==
        Lines{"rule=0 time=3s {b:[1,2] c:[4]} (i:2)", "rule=0 time=3s {b:[1] c:[4]} (i:1)",
              "rule=0 time=3s {b:[2,3] c:[4]} (i:2)", "rule=0 time=3s {b:[2] c:[4]} (i:1)",
              "rule=0 time=3s {b:[3] c:[4]} (i:1)"});
}

TEST_CASE("until (rule 5): an event satisfying it ends a loop that has taken an event") {
  // b(x=1) is no B position; once b1 is taken it ends the loop, so b3 is not.
  CHECK(Run(Rule("pattern a: A -> b: B+ until [x == 1] -> c: C\n within 10s\n emit O {}\n"
                 " after match no skip\n"),
            "A0 B0 B1 B0 C0") == Lines{"rule=0 time=4s {a:[1] b:[2] c:[5]} ()"});
}

TEST_CASE("until (rule 5): before the first iteration its events are skipped, not taken") {
  CHECK(Run(Rule("pattern a: A -> b: B+ until [x == 1] -> c: C\n within 10s\n emit O {}\n"),
            "A0 B1 B0 C0") == Lines{"rule=0 time=3s {a:[1] b:[3] c:[4]} ()"});
}

TEST_CASE("until (rule 5): the step after the loop may take the until event") {
  CHECK(Run(Rule("pattern a: A -> b: B+ until C -> c: C\n within 10s\n emit O {}\n"
                 " after match no skip\n"),
            "A0 B0 B0 C0") ==
        Lines{"rule=0 time=3s {a:[1] b:[2,3] c:[4]} ()", "rule=0 time=3s {a:[1] b:[2] c:[4]} ()"});
}

TEST_CASE("until (rule 5): no position inside the loop takes an until event") {
  CHECK(Run(Rule("pattern a: A -> (b: B ; c: C)+ until C -> d: A\n within 10s\n emit O {}\n"),
            "A0 B0 C0 A0") == Lines{});
}

TEST_CASE("all() matches its children in any order, written order preferred") {
  CHECK(Run(Rule("pattern all(a: A, b: B)\n emit O {}\n after match no skip\n"), "B0 A0") ==
        Lines{"rule=0 time=1s {a:[2] b:[1]} ()"});
}

TEST_CASE("within bounds the span of a match") {
  CHECK(Run(Rule("pattern a: A -> b: B\n within 2s\n emit O {}\n"), "A0@0 B0@3 A0@4 B0@6") ==
        Lines{"rule=0 time=6s {a:[3] b:[4]} ()"});
}

TEST_CASE("partitions match on their own") {
  CHECK(Run(Rule("pattern a: A -> b: B\n partition by k\n emit O {}\n"), "A0k0 A0k1 B0k1 B0k0") ==
        Lines{"rule=0 time=2s {a:[2] b:[3]} ()", "rule=0 time=3s {a:[1] b:[4]} ()"});
}

// ---- negation, absence, timeouts ----

TEST_CASE("a negation between two steps") {
  // a1 b1 c1 a2 c2: a1..c1 has b1 between; a1..c2 is not the first C after a1.
  CHECK(Run(Rule("pattern a: A -> !B -> c: C\n within 10s\n emit O {}\n"), "A0 B0 C0 A0 C0") ==
        Lines{"rule=0 time=4s {a:[4] c:[5]} ()"});
}

TEST_CASE("a trailing absence completes at its deadline, after the events up to it") {
  // a1@0 is killed by b@1; a2@3 completes at 5 (after C@5, which rule S
  // reports first although S comes later in the program); a3@6 at 8 (end of input).
  std::string rules = Rule("pattern a: A -> !B within 2s\n emit O { f = a.x }\n") +
                      "rule S {\n pattern c: C\n emit P {}\n}\n";
  CHECK(Run(rules, "A1@0 B0@1 A2@3 C0@5 A3@6") == Lines{"rule=1 time=5s {c:[4]} ()",
                                                        "rule=0 time=5s {a:[3]} (i:2)",
                                                        "rule=0 time=8s {a:[5]} (i:3)"});
}

TEST_CASE("an absence without its own window uses the rule's within from the start") {
  // The rule's `within` comes first: after `!B` it would be the negation's window.
  CHECK(Run("rule R {\n within 3s\n pattern a: A -> c: C -> !B\n emit O {}\n}\n",
            "A0@0 C0@2 B0@4") == Lines{"rule=0 time=3s {a:[1] c:[2]} ()"});
}

TEST_CASE("partial matches alive at the deadline time out") {
  // a1 is completed by b1 (and its prefix is no longer alive: b1 satisfied
  // the next position); a2 waits in vain and times out at 5 + 3.
  CHECK(Run(Rule("pattern a: A -> b: B\n within 3s\n emit O {}\n"
                 " on timeout emit T { f = a.x }\n"),
            "A1@0 B0@1 A2@5") ==
        Lines{"rule=0 time=1s {a:[1] b:[2]} ()", "rule=0 time=8s timeout {a:[3]} (i:2)"});
}

TEST_CASE("a partial match broken by strict contiguity does not time out") {
  // a1 is followed by a2, which breaks `;`; a2 waits until 1 + 3.
  CHECK(Run(Rule("pattern a: A ; b: B\n within 3s\n emit O {}\n on timeout emit T {}\n"),
            "A0@0 A0@1") == Lines{"rule=0 time=4s timeout {a:[2]} ()"});
}

TEST_CASE("every live partial match times out, a longer one before its prefix") {
  // a1 b1 b2: {a1 b1 b2} and {a1 b1} both still wait for C; {a1} is dead
  // (b1 satisfied B).
  CHECK(Run(Rule("pattern a: A -> b: B+ -> c: C\n within 3s\n emit O {}\n"
                 " on timeout emit T { n = count(b) }\n"),
            "A0@0 B0@1 B0@2") == Lines{"rule=0 time=3s timeout {a:[1] b:[2,3]} (i:2)",
                                       "rule=0 time=3s timeout {a:[1] b:[2]} (i:1)"});
  // Reluctant: {a1} still waits for C too; the longer {a1 b1} comes first
  // all the same.
  CHECK(Run(Rule("pattern a: A -> b: B*? -> c: C\n within 3s\n emit O {}\n"
                 " on timeout emit T { n = count(b) }\n"),
            "A0@0 B0@1") == Lines{"rule=0 time=3s timeout {a:[1] b:[2]} (i:1)",
                                  "rule=0 time=3s timeout {a:[1]} (i:0)"});
}

TEST_CASE("a match completing at a deadline cuts the partial matches timing out there") {
  // The absence match {c1 a1 a2} completes at 3 + 4 = 7, the deadline of the
  // partial match {c1} (still waiting for A[x == 1]): it is cut.
  CHECK(Run("rule R {\n within 4s\n pattern v1: C -> (v2: A | A[x == 1]) -> A -> !B\n"
            " emit O {}\n on timeout emit T {}\n}\n",
            "C0@3 A2@5 A2@6") == Lines{"rule=0 time=7s {v1:[1] v2:[2] $2:[3]} ()"});
}

TEST_CASE("a partial match removed by the after-match strategy does not time out") {
  // {a1 b1} is reported; the partial match {a1}, which `->>` keeps waiting
  // for another B, starts before the match's last event: cut (but not
  // under `no skip`).
  CHECK(Run(Rule("pattern a: A ->> b: B\n within 3s\n emit O {}\n on timeout emit T {}\n"),
            "A0@0 B0@1") == Lines{"rule=0 time=1s {a:[1] b:[2]} ()"});
  CHECK(Run(Rule("pattern a: A ->> b: B\n within 3s\n emit O {}\n on timeout emit T {}\n"
                 " after match no skip\n"),
            "A0@0 B0@1") ==
        Lines{"rule=0 time=1s {a:[1] b:[2]} ()", "rule=0 time=3s timeout {a:[1]} ()"});
}

}  // namespace
}  // namespace cep::reference
