// Tests of compiler/parse/: the AST built for every construct (through the
// stable dump), literal decoding, syntax error messages and ranges, and the
// hostile inputs that must never crash or hang.
#include <doctest/doctest.h>

#include <string>

#include "compiler/ast/ast_dump.h"
#include "compiler/parse/parser.h"

namespace cep {
namespace {

struct Parsed {
  SourceManager sources;
  DiagnosticEngine diags;
  ast::Module module;
  std::string dump;
};

std::unique_ptr<Parsed> ParseText(std::string text) {
  auto p = std::make_unique<Parsed>();
  FileId f = p->sources.AddBuffer("t.cep", std::move(text));
  p->module = parse::ParseModule(p->sources, f, p->diags);
  p->dump = ast::DumpModule(p->module, p->sources);
  return p;
}

// "kind@line:col" of every diagnostic, in order.
std::string Diags(const Parsed& p) {
  std::string out;
  for (const Diagnostic* d : p.diags.Sorted()) {
    LineCol lc = p.sources.Position(d->range.file == kNoFile ? 0 : d->range.file, d->range.begin);
    out += std::string(Info(d->kind).name) + "@" + std::to_string(lc.line) + ":" +
           std::to_string(lc.column) + " ";
  }
  return out;
}

std::string Messages(const Parsed& p) {
  std::string out;
  for (const Diagnostic* d : p.diags.Sorted()) out += d->message + "\n";
  return out;
}

TEST_CASE("parses the language sketch's constructs") {
  auto p = ParseText(R"(
import "common.cep"
event Login { user: string, ip: string, success: bool, country: string? }
const MAX_FAILS = 5
const WINDOW = 10m
@severity("high")
@doc("Repeated failures then success")
rule BruteForce {
  pattern fail: Login[!success]{MAX_FAILS,} -> ok: Login[success]
  partition by user
  within WINDOW
  emit SuspiciousLogin { user = ok.user, attempts = count(fail), first_at = first(fail).time }
}
)");
  CHECK(Diags(*p) == "");
  CHECK(p->dump ==
        "module \"t.cep\"\n"
        "  import \"common.cep\" @2:1\n"
        "  event Login @3:1\n"
        "    field user: string\n"
        "    field ip: string\n"
        "    field success: bool\n"
        "    field country: string?\n"
        "  const MAX_FAILS = 5 @4:1\n"
        "  const WINDOW = (duration 10m 600000000000ns) @5:1\n"
        "  @severity(\"high\")\n"
        "  @doc(\"Repeated failures then success\")\n"
        "  rule BruteForce @6:1\n"
        "    pattern\n"
        "      seq relaxed\n"
        "        repeat {(name MAX_FAILS),} greedy relaxed\n"
        "          atom fail: Login [(not (name success))]\n"
        "        atom ok: Login [(name success)]\n"
        "    partition by user\n"
        "    within (name WINDOW)\n"
        "    emit SuspiciousLogin\n"
        "      user = (. (name ok) user)\n"
        "      attempts = (call count (name fail))\n"
        "      first_at = (. (call first (name fail)) time)\n");
}

TEST_CASE("pattern operators") {
  auto p = ParseText(R"(rule R {
  pattern a: A ; b: B ->> c: C -> (D | E[x > 1])+? strict -> all(f: F, g: G) -> !H within 5m
  after match skip to last b
  emit X {}
})");
  CHECK(Diags(*p) == "");
  CHECK(p->dump.find("      seq strict any relaxed relaxed relaxed\n"
                     "        atom a: A\n"
                     "        atom b: B\n"
                     "        atom c: C\n"
                     "        repeat {1,} reluctant strict\n"
                     "          group\n"
                     "            alt\n"
                     "              atom D\n"
                     "              atom E [(> (name x) 1)]\n"
                     "        all\n"
                     "          atom f: F\n"
                     "          atom g: G\n"
                     "        not within (duration 5m 300000000000ns)\n"
                     "          atom H\n"
                     "    after match skip to last b\n") != std::string::npos);
}

TEST_CASE("quantifier forms") {
  auto p = ParseText("rule R { pattern A? -> B* -> C{3} -> D{2,} -> E{2,4}? -> F+ until G[y] emit X {} }");
  CHECK(Diags(*p) == "");
  CHECK(p->dump.find("repeat {0,1} greedy relaxed") != std::string::npos);
  CHECK(p->dump.find("repeat {0,} greedy relaxed") != std::string::npos);
  CHECK(p->dump.find("repeat {3} greedy relaxed") != std::string::npos);
  CHECK(p->dump.find("repeat {2,} greedy relaxed") != std::string::npos);
  CHECK(p->dump.find("repeat {2,4} reluctant relaxed") != std::string::npos);
  CHECK(p->dump.find("repeat {1,} greedy relaxed\n          atom F\n          until\n"
                     "            atom G [(name y)]") != std::string::npos);
}

TEST_CASE("window rules and clauses") {
  auto p = ParseText(R"(rule Spike {
  from Request[status >= 500] as r
  window sliding 1m every 10s
  group by service, region
  having count() > 100 and avg(latency_ms) > 250.5
  emit ErrorSpike { service = service, p99 = percentile(latency_ms, 99) }
  suppress by service for 1h
}
rule W2 { from A window tumbling 1h emit X {} }
rule W3 { from A window session gap 30s emit X {} }
rule W4 { from A window count 100 every 10 emit X {} }
rule T { pattern o: Order -> p: Payment[order_id == o.id] within 15m on timeout emit Late { id = o.id } emit Ok {} }
)");
  CHECK(Diags(*p) == "");
  CHECK(p->dump.find("    from Request [(>= (name status) 500)] as r\n"
                     "    window sliding (duration 1m 60000000000ns) every (duration 10s 10000000000ns)\n"
                     "    group by (name service) (name region)\n"
                     "    having (and (> (call count) 100) (> (call avg (name latency_ms)) 250.5))\n") !=
        std::string::npos);
  CHECK(p->dump.find("suppress by (name service) for (duration 1h 3600000000000ns)") != std::string::npos);
  CHECK(p->dump.find("window tumbling") != std::string::npos);
  CHECK(p->dump.find("window session (duration 30s") != std::string::npos);
  CHECK(p->dump.find("window count 100 every 10") != std::string::npos);
  CHECK(p->dump.find("on timeout emit Late\n      id = (. (name o) id)") != std::string::npos);
}

TEST_CASE("expression precedence and forms") {
  auto p = ParseText(R"(const C = -1 + 2 * 3 % 4 - -5.5e1 < 7 == true and not x or y
const D = s =~ /ad\/min/i and t !~ "x" and u not in [1, 2] and v is not null and w in []
const E = prev.price - first(b).time >= 1h30m and a.b.c == "q\"\u{e9}\n"
const F = -9223372036854775808)");
  CHECK(Diags(*p) == "");
  CHECK(p->dump.find("const C = (or (and (== (< (- (+ -1 (% (* 2 3) 4)) -55) 7) true) (not (name x))) (name y))") !=
        std::string::npos);
  CHECK(p->dump.find("const D = (and (and (and (and (=~ (name s) /ad/min/i) (!~ (name t) /x/)) "
                     "(not-in (name u) [1 2])) (is-not-null (name v))) (in (name w) []))") !=
        std::string::npos);
  CHECK(p->dump.find("const E = (and (>= (- (. (name prev) price) (. (call first (name b)) time)) "
                     "(duration 1h30m 5400000000000ns)) (== (. (. (name a) b) c) \"q\\\"\xC3\xA9\\n\"))") !=
        std::string::npos);
  CHECK(p->dump.find("const F = -9223372036854775808") != std::string::npos);
}

TEST_CASE("soft keywords are usable as names") {
  auto p = ParseText("event E { count: int, first: string, `window`: float, time2: int }\n"
                     "rule R { pattern e: E[count > 1 and first == \"a\"] emit X { last = e.`window` } }");
  CHECK(Diags(*p) == "");
  CHECK(p->dump.find("field window: float") != std::string::npos);
  CHECK(p->dump.find("last = (. (name e) window)") != std::string::npos);
}

TEST_CASE("syntax errors are all reported with our messages") {
  auto p = ParseText("rule R {\n  pattern a: A ->\n  emit X {}\n}\nrule S { within }\n");
  CHECK(Diags(*p) == "syntax-error@3:3 syntax-error@5:17 ");
  CHECK(Messages(*p) == "expected a pattern, found 'emit'\nexpected an expression, found '}'\n");
}

TEST_CASE("missing closing brace") {
  auto p = ParseText("event E { a: int\nrule R { pattern E emit X {} }");
  CHECK(Diags(*p) == "syntax-error@2:1 ");
  CHECK(Messages(*p).find("found 'rule'") != std::string::npos);
}

TEST_CASE("malformed literals get their own kinds") {
  auto p = ParseText("const A = \"abc\nconst B = 5parsecs\nconst C = 99999999999999999999\n"
                     "const D = \"bad \\q escape\"\nconst E = x =~ /abc\nconst F = 1e999\n"
                     "const G = 10min\n/* never closed");
  CHECK(Diags(*p) ==
        "unterminated-string@1:11 invalid-duration@2:12 literal-out-of-range@3:11 "
        "invalid-escape@4:16 unterminated-regex@5:16 literal-out-of-range@6:11 "
        "invalid-duration@7:13 unterminated-comment@8:1 ");
  CHECK(Messages(*p).find("unknown duration unit 'parsecs' in '5parsecs'") != std::string::npos);
  CHECK(Messages(*p).find("unknown duration unit 'min' in '10min'; did you mean '10m'?") != std::string::npos);
}

TEST_CASE("stray bytes and invalid UTF-8") {
  auto p = ParseText("const A = 1 \xC3\xA9 $\nconst B = \"\xFF\"\n");
  CHECK(Diags(*p) == "invalid-character@1:13 invalid-character@1:16 invalid-encoding@2:12 ");
}

TEST_CASE("empty and comment-only files parse to nothing") {
  CHECK(Diags(*ParseText("")) == "");
  CHECK(Diags(*ParseText("// just a comment\n/* and a block */\n")) == "");
}

TEST_CASE("binary garbage never crashes") {
  std::string garbage;
  uint32_t x = 12345;
  for (int i = 0; i < 20000; ++i) {
    x = x * 1103515245 + 12345;
    garbage.push_back(static_cast<char>(x >> 16));
  }
  auto p = ParseText(garbage);
  CHECK(p->diags.has_errors());
  std::string nuls(1000, '\0');
  CHECK(ParseText(nuls)->diags.has_errors());
}

TEST_CASE("deep nesting is a diagnostic, not a stack overflow") {
  std::string deep = "const A = " + std::string(10000, '(') + "1" + std::string(10000, ')');
  auto p = ParseText(deep);
  CHECK(Diags(*p) == "nesting-too-deep@1:267 ");
  std::string chain = "const B = 1";
  for (int i = 0; i < 100000; ++i) chain += " + 1";
  CHECK(Diags(*ParseText(chain)).rfind("nesting-too-deep@", 0) == 0);
  std::string nots = "const C = " + std::string(50000, '!') + "true";
  CHECK(Diags(*ParseText(nots)).rfind("nesting-too-deep@", 0) == 0);
  // Within limits: 200 brackets parse fine.
  std::string ok = "const D = " + std::string(200, '(') + "1" + std::string(200, ')');
  CHECK(Diags(*ParseText(ok)) == "");
}

TEST_CASE("duplicate clauses") {
  auto p = ParseText("rule R { pattern A within 1m within 2m emit X {} }");
  CHECK(Diags(*p) == "duplicate-clause@1:30 ");
}

TEST_CASE("a large rule file parses") {
  std::string big = "event E { a: int, b: string }\n";
  for (int i = 0; i < 20000; ++i) {
    big += "rule R" + std::to_string(i) +
           " { pattern x: E[a > " + std::to_string(i) + " and b == \"s\"] -> y: E[a < x.a]+ -> z: E within 5m\n"
           "  partition by b emit Out { v = x.a + sum(y.a) } }\n";
  }
  CHECK(big.size() > 2 * 1000 * 1000);
  auto p = ParseText(big);
  CHECK(Diags(*p) == "");
  CHECK(p->module.rules.size() == 20000);
}

}  // namespace
}  // namespace cep
