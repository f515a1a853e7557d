// Tests of what `cep explain` says beside the automaton (compiler/nfa/
// explain.h, state_estimate.h): the selection policies, the predicates and
// the rules sharing them (with their text as written), the static state
// estimate — checked against the peak number of partial matches the engine
// really keeps — and the DOT of several rules in one graph.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "compiler/driver/frontend.h"
#include "compiler/nfa/dump.h"
#include "compiler/nfa/explain.h"
#include "compiler/nfa/explain_window.h"
#include "compiler/nfa/state_estimate.h"
#include "tests/unit/engine_harness.h"

namespace cep {
namespace {

struct Compiled {
  SourceManager sources;
  DiagnosticEngine diags;
  std::unique_ptr<driver::FrontendResult> r;
};

std::unique_ptr<Compiled> Compile(const std::string& rules) {
  auto c = std::make_unique<Compiled>();
  c->r = driver::CompileText("t.cep", std::string(rt::kAbcTypes) + rules, c->sources, c->diags);
  REQUIRE(c->r->compiled_ok);
  return c;
}

nfa::RuleFacts Facts(const Compiled& c, size_t rule) {
  std::vector<std::string> texts = nfa::PredicateTexts(c.r->checked, c.r->ir, c.sources);
  return nfa::ExplainRule(c.r->nfa, rule, c.r->checked.schema, texts);
}

std::string Growth(const std::string& pattern) {
  auto c = Compile("rule R { pattern " + pattern + " within 1h emit O {} }");
  return nfa::EstimateState(c->r->ir.rules[0], c->r->checked.schema).Growth();
}

TEST_CASE("explain: predicates shared between rules, with their text") {
  auto c = Compile(R"(
rule One { pattern a: A[x > 1 and k == 2] -> b: B[x == a.x] within 1m emit O {} }
rule Two { pattern a: A[x > 1 and k == 2] -> c: C[x < 0 or k > 3] within 1m emit O {} }
rule Three { pattern a: A[x > 1] emit O {} }
)");
  nfa::RuleFacts one = Facts(*c, 0);
  REQUIRE(one.predicates.size() == 1);  // b's filter reads a: a check, not a predicate
  CHECK(one.predicates[0].type == "A");
  CHECK(one.predicates[0].text == "x > 1 and k == 2");
  CHECK(one.predicates[0].shared_with == std::vector<std::string>{"Two"});
  nfa::RuleFacts two = Facts(*c, 1);
  REQUIRE(two.predicates.size() == 2);
  CHECK(two.predicates[1].text == "(x < 0 or k > 3)");
  CHECK(two.predicates[1].shared_with.empty());
  nfa::RuleFacts three = Facts(*c, 2);
  REQUIRE(three.predicates.size() == 1);
  CHECK(three.predicates[0].text == "x > 1");
  CHECK(three.predicates[0].shared_with.empty());  // `x > 1` alone is another predicate
  std::string text = nfa::FormatFacts(one);
  CHECK(text.find("pred#0 A[x > 1 and k == 2] shared with rule Two") != std::string::npos);
  CHECK(text.find("skip-till-next-match (->) on 1 transition") != std::string::npos);
}

TEST_CASE("explain: selection policies are counted per transition") {
  auto c = Compile("rule R { pattern a: A ; b: B ->> c: C[x > 0]+ any -> d: A within 1m emit O {} }");
  nfa::RuleFacts f = Facts(*c, 0);
  std::string text = nfa::FormatFacts(f);
  CHECK(text.find("strict contiguity (;, strict) on 1 transition") != std::string::npos);
  CHECK(text.find("skip-till-any-match (->>, any) on 2 transitions") != std::string::npos);
  CHECK(text.find("skip-till-next-match (->) on 1 transition") != std::string::npos);
}

TEST_CASE("explain: the state estimate's growth class per construct") {
  CHECK(Growth("a: A -> b: B") == "O(n)");
  CHECK(Growth("a: A ; b: B ; c: C") == "O(n)");
  CHECK(Growth("a: A -> b: B+ -> c: C") == "O(n^2)");
  CHECK(Growth("a: A -> b: B{2,4} -> c: C") == "O(n)");       // bounded: a constant factor
  CHECK(Growth("a: A ->> b: B ->> c: C") == "O(n^3)");
  CHECK(Growth("a: A -> b: B{1,3} any -> c: C") == "O(n^3)");
  CHECK(Growth("a: A -> b: B+ any -> c: C") == "O(2^n)");
  CHECK(Growth("a: A -> (b: B+ | c: C) -> d: A") == "O(n^2)");  // the costlier alternative
  CHECK(Growth("all(a: A+, b: B+)") == "O(n^3)");              // the parts multiply
  auto c = Compile("rule R { pattern a: A -> b: B+ any -> c: C within 1h emit O {} }");
  nfa::RuleFacts f = Facts(*c, 0);
  CHECK(f.estimate.can_explode());
  std::string text = nfa::FormatFacts(f);
  CHECK(text.find("O(2^n) partial matches per partition, n = its events within 1h -- CAN EXPLODE") !=
        std::string::npos);
  CHECK(text.find("an unbounded loop with 'any' on 'b' (B)") != std::string::npos);
}

// The engine's peak of partial matches for `n` events of each listed type
// (all in one partition, in order), none completing a match.
uint64_t MeasuredPeak(const std::string& pattern, const std::vector<std::string>& stream_types,
                      int n) {
  rt::Harness h(std::string(rt::kAbcTypes) + "rule R { pattern " + pattern +
                " within 1h after match no skip emit O {} }");
  int64_t t = 1;
  for (const std::string& type : stream_types) {
    for (int i = 0; i < n; ++i) h.Push(type, t++, {{"x", i}});
  }
  return h.engine().stats().rules[0].peak_runs;
}

TEST_CASE("explain: the estimate bounds the partial matches the engine really keeps") {
  struct Case {
    std::string pattern;
    std::vector<std::string> stream;
  };
  const Case cases[] = {
      {"a: A -> b: B", {"A"}},
      {"a: A -> b: B+ -> c: C", {"A", "B"}},
      {"a: A ->> b: B ->> c: C", {"A", "B"}},
      {"a: A -> b: B{1,3} any -> c: C", {"A", "B"}},
  };
  for (const Case& k : cases) {
    INFO(k.pattern);
    auto c = Compile("rule R { pattern " + k.pattern + " within 1h emit O {} }");
    nfa::StateEstimate e = nfa::EstimateState(c->r->ir.rules[0], c->r->checked.schema);
    REQUIRE(!e.exponential);
    double edges = static_cast<double>(c->r->nfa.rules[0].edges.size());
    for (int n : {4, 8, 16}) {
      // n events of each type: the partition holds len(stream) * n events.
      double events = static_cast<double>(n * static_cast<int>(k.stream.size()));
      CHECK(static_cast<double>(MeasuredPeak(k.pattern, k.stream, n)) <=
            edges * std::pow(events, e.degree));
    }
  }
  // And the flagged one does explode: beyond any small polynomial.
  uint64_t peak = MeasuredPeak("a: A -> b: B+ any -> c: C", {"A", "B"}, 12);
  CHECK(peak >= 4096);
}

TEST_CASE("explain: several rules in one DOT graph, one cluster each") {
  auto c = Compile(R"(
rule One { pattern a: A -> b: B within 1m emit O {} }
rule Two { pattern a: A within 1m emit O {} }
)");
  std::string dot = nfa::DumpRulesDot(c->r->nfa, {0, 1}, c->r->checked.schema, {"estimate O(n)", ""});
  CHECK(dot.rfind("digraph cep {", 0) == 0);
  CHECK(dot.find("subgraph cluster_0 {") != std::string::npos);
  CHECK(dot.find("label=\"rule One\\lestimate O(n)\\l\";") != std::string::npos);
  CHECK(dot.find("r1_s0 -> r1_s1") != std::string::npos);
  CHECK(dot.find("r1_accept [shape=doublecircle") != std::string::npos);
  // The single-rule form is unchanged.
  CHECK(nfa::DumpRuleDot(c->r->nfa, 1, c->r->checked.schema).rfind("digraph \"Two\" {", 0) == 0);
}


std::string ExplainWindow(const Compiled& c, size_t w) {
  std::vector<std::string> texts = nfa::PredicateTexts(c.r->checked, c.r->ir, c.sources);
  return nfa::ExplainWindowRule(c.r->nfa, w, c.r->checked, c.sources, texts);
}

TEST_CASE("explain: a sliding window's panes, filter sharing, keys, aggregates, suppress") {
  auto c = Compile(R"(
rule Spike {
  pattern a: A[x > 5] -> b: B
  within 1m
  emit O {}
}
rule Busy {
  from A[x > 5]
  window sliding 10m every 2m
  group by k
  having count() >= 3 and distinct(x) > 1
  emit Hot { k = k, n = count(), p = percentile(x, 99), f = first(x) }
  suppress by k for 30m
}
)");
  REQUIRE(c->r->ir.window_rules.size() == 1);
  const std::string text = ExplainWindow(*c, 0);
  CHECK(text.find("rule Busy: from A (windowed; no automaton)") == 0);
  CHECK(text.find("window: sliding 10m every 2m: panes of 2m, 5 panes per window") != std::string::npos);
  CHECK(text.find("filter: pred#0 A[x > 5] shared with rule Spike") != std::string::npos);
  CHECK(text.find("group by: k (null is a group of its own)") != std::string::npos);
  CHECK(text.find("    count(): a few numbers") != std::string::npos);
  CHECK(text.find("    distinct(x): exact up to 4096 values, then a 4.4 KB HyperLogLog") != std::string::npos);
  CHECK(text.find("    percentile(x, 99): exact up to 4096 values") != std::string::npos);
  CHECK(text.find("    first(x): keeps one event alive") != std::string::npos);
  CHECK(text.find("having: count() >= 3 and distinct(x) > 1") != std::string::npos);
  CHECK(text.find("emit: Hot per group and window that passes `having`") != std::string::npos);
  CHECK(text.find("suppress: by k for 30m") != std::string::npos);
  CHECK(text.find("state: up to 6 panes of aggregate states per group") != std::string::npos);
}

TEST_CASE("explain: tumbling, session, count and window-less rules say how they run") {
  auto c = Compile(R"(
rule T { from A window tumbling 5m emit O1 { n = count() } }
rule S { from B window session gap 30s group by k emit O2 { n = count() } }
rule N { from C window count 100 every 10 emit O3 { s = sum(x) } }
rule E { from A[k == 1] emit O4 { x = x } }
)");
  REQUIRE(c->r->ir.window_rules.size() == 4);
  const std::string t = ExplainWindow(*c, 0);
  CHECK(t.find("window: tumbling 5m, aligned to the epoch") != std::string::npos);
  CHECK(t.find("filter: none (every event of the type)") != std::string::npos);
  CHECK(t.find("group by: none (one group)") != std::string::npos);
  CHECK(t.find("state: one open window of aggregate states per group") != std::string::npos);
  const std::string s = ExplainWindow(*c, 1);
  CHECK(s.find("window: session, gap 30s") != std::string::npos);
  CHECK(s.find("state: one open session of aggregate states per group, and its timer") != std::string::npos);
  const std::string n = ExplainWindow(*c, 2);
  CHECK(n.find("window: count 100 every 10: a group emits once per 10 of its events, over its last 100 events, in panes of 10 events") != std::string::npos);
  CHECK(n.find("state: up to 11 panes") != std::string::npos);
  const std::string e = ExplainWindow(*c, 3);
  CHECK(e.find("window: none: every event that passes the filter emits at once") != std::string::npos);
  CHECK(e.find("emit: O4 per event") != std::string::npos);
  CHECK(e.find("aggregates: none") != std::string::npos);
  CHECK(e.find("state: none (nothing is kept between events)\n") != std::string::npos);
  CHECK(n.find("a group stays until --max-partitions evicts it") != std::string::npos);
}

TEST_CASE("explain: an inferred correlation index is shown beside the automaton") {
  auto c = Compile(R"(
rule Joined { pattern a: A -> b: B[k == a.k] within 1m after match no skip emit O {} }
rule Declared { pattern a: A -> b: B within 1m partition by k emit O {} }
rule Loose { pattern a: A -> b: B[x > a.x] within 1m after match no skip emit O {} }
)");
  const check::Schema& schema = c->r->checked.schema;
  CHECK(nfa::DumpRule(c->r->nfa, 0, schema).find(
            "  correlation index (inferred from equalities with the first event): A(k) B(k)\n") !=
        std::string::npos);
  const std::string declared = nfa::DumpRule(c->r->nfa, 1, schema);
  CHECK(declared.find("  partition by: A(k) B(k)\n") != std::string::npos);
  CHECK(declared.find("correlation index") == std::string::npos);
  CHECK(nfa::DumpRule(c->r->nfa, 2, schema).find("correlation index") == std::string::npos);
}

}  // namespace
}  // namespace cep
