// The expression compiler (compiler/expr/compile_expr.h): rules are parsed
// and checked for real, then their filters and emits are compiled and the
// code is compared as expr::Dump text; also the filter split, CanonicalKey,
// constant folding, regex sharing, aggregates, prev and the reads_* flags.
#include <doctest/doctest.h>

#include "compiler/check/builtins.h"
#include "compiler/expr/compile_expr.h"
#include "compiler/expr/expr_testing.h"
#include "re2/re2.h"

namespace cep::expr {
namespace {

using testing::CheckForTestingOnly;
using testing::Checked;
using testing::AtomOptions;

constexpr const char* kEvents = R"(
event E { i: int, j: int, f: float, s: string, ok: bool, d: duration, t: timestamp,
          ni: int?, ns: string? }
event F { x: int, i: int, name: string }
event G { i: int, x: int }
const LIMIT = 10
const NAME = "ab"
const HALF = 0.5
)";

std::unique_ptr<Checked> Load(const std::string& rules) {
  auto r = CheckForTestingOnly(std::string(kEvents) + rules);
  INFO(r->Errors());
  REQUIRE(!r->diags.has_errors());
  return r;
}

// The filter of atom `var` of rule `rule`, compiled whole.
Program Filter(Checked& c, std::string_view rule, std::string_view var) {
  ast::Pattern* atom = c.Atom(rule, var);
  REQUIRE(atom != nullptr);
  REQUIRE(atom->filter != nullptr);
  return CompileExpr(*atom->filter, c.checked, AtomOptions(*atom));
}

// A rule `R` that emits `v = <expr>` for each event of E.
std::string RowRule(const std::string& expr) {
  return "rule R { from E emit Out { v = " + expr + " } }\n";
}

std::string DumpRow(const std::string& expr) {
  auto c = Load(RowRule(expr));
  ast::Expr* v = c->EmitValue("R", "v");
  REQUIRE(v != nullptr);
  return Dump(CompileExpr(*v, c->checked));
}

TEST_CASE("dump of a typed filter: fields, constants, widening, and-chain") {
  auto c = Load("rule R { pattern a: E[i > 5 and f < i and s == NAME] emit Out { v = a.i } }");
  Program p = Filter(*c, "R", "a");
  CHECK(Dump(p) ==
        "0: field 1\n"
        "1: const 0 (int 5)\n"
        "2: cmp.int >\n"
        "3: jump_if_false 12\n"
        "4: field 3\n"
        "5: field 1\n"
        "6: int_to_float\n"
        "7: cmp.float <\n"
        "8: jump_if_false 12\n"
        "9: field 4\n"
        "10: const 1 (string \"ab\")\n"
        "11: cmp.string ==\n"
        "12: to_bool\n");
  CHECK(p.result == TypeKind::kBool);
  CHECK(p.max_stack == 2);
  CHECK(p.reads_current);
  CHECK(!p.reads_vars);
  CHECK(!p.reads_keys);
  CHECK(!p.reads_window);
}

TEST_CASE("arithmetic instructions follow the operand types") {
  CHECK(DumpRow("i + j") == "0: field 1\n1: field 2\n2: add.int\n");
  CHECK(DumpRow("i * f") == "0: field 1\n1: int_to_float\n2: field 3\n3: mul.float\n");
  CHECK(DumpRow("f - i") == "0: field 3\n1: field 1\n2: int_to_float\n3: sub.float\n");
  CHECK(DumpRow("i / j") == "0: field 1\n1: field 2\n2: div.int\n");
  CHECK(DumpRow("i % j") == "0: field 1\n1: field 2\n2: mod.int\n");
  CHECK(DumpRow("f % f") == "0: field 3\n1: field 3\n2: mod.float\n");
  CHECK(DumpRow("-i") == "0: field 1\n1: neg.int\n");
  CHECK(DumpRow("-f") == "0: field 3\n1: neg.float\n");
  CHECK(DumpRow("-d") == "0: field 6\n1: neg.duration\n");
  CHECK(DumpRow("s + s") == "0: field 4\n1: field 4\n2: concat\n");
  CHECK(DumpRow("t + d") == "0: field 7\n1: field 6\n2: add.time_duration\n");
  CHECK(DumpRow("d + t") == "0: field 6\n1: field 7\n2: add.duration_time\n");
  CHECK(DumpRow("d + d") == "0: field 6\n1: field 6\n2: add.duration\n");
  CHECK(DumpRow("t - t") == "0: field 7\n1: field 7\n2: sub.time_time\n");
  CHECK(DumpRow("t - d") == "0: field 7\n1: field 6\n2: sub.time_duration\n");
  CHECK(DumpRow("d - d") == "0: field 6\n1: field 6\n2: sub.duration\n");
  CHECK(DumpRow("d * i") == "0: field 6\n1: field 1\n2: mul.duration_num\n");
  CHECK(DumpRow("f * d") == "0: field 3\n1: field 6\n2: mul.num_duration\n");
  CHECK(DumpRow("d / 2") == "0: field 6\n1: const 0 (int 2)\n2: div.duration_num\n");
  CHECK(DumpRow("d / d") == "0: field 6\n1: field 6\n2: div.duration_duration\n");
  CHECK(DumpRow("d % 1s") == "0: field 6\n1: const 0 (duration 1s)\n2: mod.duration\n");
  // A constant int operand of a float operation is widened when compiled.
  CHECK(DumpRow("f + 1") == "0: field 3\n1: const 0 (float 1)\n2: add.float\n");
}

TEST_CASE("comparisons are typed; bool only with == and !=") {
  CHECK(DumpRow("i <= j") == "0: field 1\n1: field 2\n2: cmp.int <=\n");
  CHECK(DumpRow("i != f") == "0: field 1\n1: int_to_float\n2: field 3\n3: cmp.float !=\n");
  CHECK(DumpRow("s >= \"x\"") == "0: field 4\n1: const 0 (string \"x\")\n2: cmp.string >=\n");
  CHECK(DumpRow("ok == true") == "0: field 5\n1: const 0 (bool true)\n2: cmp.bool ==\n");
  CHECK(DumpRow("d > 1m") == "0: field 6\n1: const 0 (duration 1m)\n2: cmp.int >\n");
  CHECK(DumpRow("t < timestamp(\"2024-01-02T03:04:05Z\")") ==
        "0: field 7\n"
        "1: const 0 (timestamp timestamp(\"2024-01-02T03:04:05+00:00\"))\n"
        "2: cmp.int <\n");
}

TEST_CASE("or chains, not, in, is null") {
  CHECK(DumpRow("ok or i > 1 or not ok") ==
        "0: field 5\n"
        "1: jump_if_true 8\n"
        "2: field 1\n"
        "3: const 0 (int 1)\n"
        "4: cmp.int >\n"
        "5: jump_if_true 8\n"
        "6: field 5\n"
        "7: not\n"
        "8: to_bool\n");
  CHECK(DumpRow("i in [1, 2, j]") ==
        "0: field 1\n1: const 0 (int 1)\n2: const 1 (int 2)\n3: field 2\n4: in 3\n");
  CHECK(DumpRow("s not in [\"a\"]") == "0: field 4\n1: const 0 (string \"a\")\n2: not_in 1\n");
  CHECK(DumpRow("ni is null") == "0: field 8\n1: is_null\n");
  CHECK(DumpRow("ns is not null") == "0: field 9\n1: is_not_null\n");
  // and inside or: nested chains.
  CHECK(DumpRow("(ok and i > 1) or ok") ==
        "0: field 5\n"
        "1: jump_if_false 5\n"
        "2: field 1\n"
        "3: const 0 (int 1)\n"
        "4: cmp.int >\n"
        "5: to_bool\n"
        "6: jump_if_true 8\n"
        "7: field 5\n"
        "8: to_bool\n");
}

TEST_CASE("max_stack counts the deepest point") {
  auto c = Load(RowRule("i + (j * (i - (j + (i * 2))))"));
  Program p = CompileExpr(*c->EmitValue("R", "v"), c->checked);
  CHECK(p.max_stack == 6);
  auto c2 = Load(RowRule("concat(s, s, s, s)"));
  CHECK(CompileExpr(*c2->EmitValue("R", "v"), c2->checked).max_stack == 4);
  CHECK(MaxStackDepth(p.code) == 6);
}

TEST_CASE("constants fold: const names, arithmetic on literals, timestamp()") {
  CHECK(DumpRow("LIMIT") == "0: const 0 (int 10)\n");
  CHECK(DumpRow("LIMIT * 2 + 1") == "0: const 0 (int 21)\n");
  CHECK(DumpRow("HALF + LIMIT") == "0: const 0 (float 10.5)\n");
  CHECK(DumpRow("i + LIMIT") == "0: field 1\n1: const 0 (int 10)\n2: add.int\n");
  CHECK(DumpRow("upper(NAME) + \"c\"") == "0: const 0 (string \"ABc\")\n");
  CHECK(DumpRow("length(\"h\xc3\xa9llo\")") == "0: const 0 (int 5)\n");  // code points
  CHECK(DumpRow("min(1, 2.5)") == "0: const 0 (float 1)\n");
  CHECK(DumpRow("10m / 4") == "0: const 0 (duration 150s)\n");
  CHECK(DumpRow("timestamp(\"2024-01-02T03:04:05.5+01:00\")") ==
        "0: const 0 (timestamp timestamp(\"2024-01-02T02:04:05.5+00:00\"))\n");
  // Overflow is left to the run time (it wraps there).
  CHECK(DumpRow("9223372036854775807 + 1") ==
        "0: const 0 (int 9223372036854775807)\n1: const 1 (int 1)\n2: add.int\n");
  // Identical constants share one entry.
  CHECK(DumpRow("i + 1 + 1") ==
        "0: field 1\n1: const 0 (int 1)\n2: add.int\n3: const 0 (int 1)\n4: add.int\n");
}

TEST_CASE("scalar calls: builtin ids, widened arguments, timestamp at run time") {
  CHECK(DumpRow("lower(s)") == "0: field 4\n1: call lower/1\n");
  CHECK(DumpRow("substr(s, 1, 2)") ==
        "0: field 4\n1: const 0 (int 1)\n2: const 1 (int 2)\n3: call substr/3\n");
  CHECK(DumpRow("max(i, f)") == "0: field 1\n1: int_to_float\n2: field 3\n3: call max/2\n");
  CHECK(DumpRow("coalesce(ni, 2.5)") ==
        "0: field 8\n1: int_to_float\n2: const 0 (float 2.5)\n3: call coalesce/2\n");
  CHECK(DumpRow("sqrt(i)") == "0: field 1\n1: int_to_float\n2: call sqrt/1\n");
  CHECK(DumpRow("timestamp(s)") == "0: field 4\n1: call timestamp/1\n");
  CHECK(DumpRow("concat(s, i, f)") == "0: field 4\n1: field 1\n2: field 3\n3: call concat/3\n");
  // Each call carries its BuiltinId, not the index in Builtins().
  auto c = Load(RowRule("min(i, j)"));
  Program p = CompileExpr(*c->EmitValue("R", "v"), c->checked);
  REQUIRE(p.code.size() == 3);
  CHECK(p.code[2].op == Op::kCall);
  CHECK(p.code[2].a == static_cast<uint32_t>(check::BuiltinId::kMinOf));
  CHECK(p.code[2].x == 2);
}

TEST_CASE("more than 255 call arguments nest") {
  std::string args = "s";
  for (int k = 0; k < 299; ++k) args += ", s";
  auto c = Load(RowRule("concat(" + args + ")"));
  Program p = CompileExpr(*c->EmitValue("R", "v"), c->checked);
  REQUIRE(p.code.size() == 302);
  CHECK(p.code[255].op == Op::kCall);
  CHECK(p.code[255].x == 255);
  CHECK(p.code[301].op == Op::kCall);
  CHECK(p.code[301].x == 46);  // the partial result and 45 more
  CHECK(p.max_stack == 255);
}

TEST_CASE("regexes: flags, one RE2 per pattern, matches()") {
  auto c = Load(RowRule("s =~ /a.b/i and s !~ /a.b/i and ns =~ /a.b/s and matches(s, \"^x\")"));
  Program p = CompileExpr(*c->EmitValue("R", "v"), c->checked);
  REQUIRE(p.regexes.size() == 3);
  CHECK(p.regexes[0]->pattern() == "a.b");
  CHECK(!p.regexes[0]->options().case_sensitive());
  CHECK(!p.regexes[0]->options().dot_nl());
  CHECK(p.regexes[1]->options().case_sensitive());
  CHECK(p.regexes[1]->options().dot_nl());
  CHECK(p.regexes[2]->pattern() == "^x");
  CHECK(Dump(p) ==
        "0: field 4\n"
        "1: regex 0 /a.b/i\n"
        "2: jump_if_false 11\n"
        "3: field 4\n"
        "4: not_regex 0 /a.b/i\n"
        "5: jump_if_false 11\n"
        "6: field 9\n"
        "7: regex 1 /a.b/s\n"
        "8: jump_if_false 11\n"
        "9: field 4\n"
        "10: matches 2 /^x/\n"
        "11: to_bool\n");
  // The same pattern in another program is the same compiled RE2.
  auto c2 = Load(RowRule("s =~ /a.b/i"));
  Program p2 = CompileExpr(*c2->EmitValue("R", "v"), c2->checked);
  REQUIRE(p2.regexes.size() == 1);
  CHECK(p2.regexes[0] == p.regexes[0]);
}

TEST_CASE("variables, the own variable, prev") {
  auto c = Load(
      "rule R { pattern a: E -> b: E[i > a.i and b.j > prev.j and prev.f < 1.5] "
      "emit Out { v = a.i + b.j } }\n"
      "rule S { pattern a: E[a.i > 1 and a is not null] -> (b: F | c: G) -> d: F[x == prev.x] "
      "emit Out2 { v = a.i } }\n");
  Program b = Filter(*c, "R", "b");
  CHECK(Dump(b) ==
        "0: field 1\n"
        "1: var 0\n"
        "2: event.field 1\n"
        "3: cmp.int >\n"
        "4: jump_if_false 14\n"
        "5: field 2\n"
        "6: prev\n"
        "7: event.field 2\n"
        "8: cmp.int >\n"
        "9: jump_if_false 14\n"
        "10: prev\n"
        "11: event.field 3\n"
        "12: const 0 (float 1.5)\n"
        "13: cmp.float <\n"
        "14: to_bool\n");
  CHECK(b.reads_vars);
  CHECK(b.reads_current);
  // A non-repeated own variable is the current event (and is never null).
  Program a = Filter(*c, "S", "a");
  CHECK(Dump(a) ==
        "0: field 1\n"
        "1: const 0 (int 1)\n"
        "2: cmp.int >\n"
        "3: jump_if_false 5\n"
        "4: const 1 (bool true)\n"
        "5: to_bool\n");
  CHECK(!a.reads_vars);
  // prev.x: slot 1 in F, 2 in G: looked up per type.
  Program d = Filter(*c, "S", "d");
  CHECK(Dump(d) ==
        "0: field 1\n"
        "1: prev\n"
        "2: event.field_by_type 0\n"
        "3: cmp.int ==\n"
        "fields 0: 0=-1 1=1 2=2 3=-1 4=-1\n");
  // In an emit, variables are read through kVarEvent.
  Program v = CompileExpr(*c->EmitValue("R", "v"), c->checked);
  CHECK(Dump(v) == "0: var 0\n1: event.field 1\n2: var 1\n3: event.field 2\n4: add.int\n");
}

TEST_CASE("aggregates over a repeated variable") {
  auto c = Load(
      "rule R { pattern a: E -> b: E[sum(b.i) < 100 and count(b) <= LIMIT]+ -> z: E within 1h "
      "emit Out { n = count(b), nv = count(b.ni), total = sum(b.i * a.j), avg = avg(b.f), "
      "lo = min(b.s), first_t = first(b).t, last_i = last(b.i), k = distinct(b.s), "
      "sd = stddev(b.i), p = percentile(b.d, 95), x = sum(b.i) + sum(b.i) } }");
  ast::Pattern* b = c->Atom("R", "b");
  Program filter = CompileExpr(*b->filter, c->checked, AtomOptions(*b));
  CHECK(Dump(filter) ==
        "0: agg 0\n"
        "1: const 0 (int 100)\n"
        "2: cmp.int <\n"
        "3: jump_if_false 7\n"
        "4: agg 1\n"
        "5: const 1 (int 10)\n"
        "6: cmp.int <=\n"
        "7: to_bool\n"
        "agg 0: sum over var 1 (int -> int)\n"
        "  0: var 1\n"
        "  1: event.field 1\n"
        "agg 1: count over var 1 (event -> int) of the events\n");
  CHECK(filter.reads_vars);
  CHECK(!filter.reads_current);

  auto emit = [&](const char* field) {
    ast::Expr* e = c->EmitValue("R", field);
    REQUIRE(e != nullptr);
    return CompileExpr(*e, c->checked);
  };
  CHECK(Dump(emit("nv")) ==
        "0: agg 0\n"
        "agg 0: count over var 1 (int -> int)\n"
        "  0: var 1\n"
        "  1: event.field 8\n");
  CHECK(Dump(emit("total")) ==
        "0: agg 0\n"
        "agg 0: sum over var 1 (int -> int)\n"
        "  0: var 1\n"
        "  1: event.field 1\n"
        "  2: var 0\n"
        "  3: event.field 2\n"
        "  4: mul.int\n");
  CHECK(Dump(emit("avg")) ==
        "0: agg 0\nagg 0: avg over var 1 (float -> float)\n  0: var 1\n  1: event.field 3\n");
  CHECK(Dump(emit("lo")) ==
        "0: agg 0\nagg 0: min over var 1 (string -> string)\n  0: var 1\n  1: event.field 4\n");
  CHECK(Dump(emit("first_t")) ==
        "0: agg 0\n1: event.field 7\nagg 0: first over var 1 (event -> event) of the events\n");
  CHECK(Dump(emit("last_i")) ==
        "0: agg 0\nagg 0: last over var 1 (int -> int)\n  0: var 1\n  1: event.field 1\n");
  CHECK(Dump(emit("k")) ==
        "0: agg 0\nagg 0: distinct over var 1 (string -> int)\n  0: var 1\n  1: event.field 4\n");
  CHECK(Dump(emit("sd")) ==
        "0: agg 0\nagg 0: stddev over var 1 (int -> float)\n  0: var 1\n  1: event.field 1\n");
  CHECK(Dump(emit("p")) ==
        "0: agg 0\n"
        "agg 0: percentile over var 1 (duration -> duration) p=95\n"
        "  0: var 1\n"
        "  1: event.field 6\n");
  Program p = emit("p");
  REQUIRE(p.aggs.size() == 1);
  CHECK(p.aggs[0].percentile == 95.0);
  CHECK(p.aggs[0].builtin == static_cast<uint8_t>(check::BuiltinId::kPercentile));
  // The same aggregate twice is one entry.
  CHECK(Dump(emit("x")) ==
        "0: agg 0\n1: agg 0\n2: add.int\n"
        "agg 0: sum over var 1 (int -> int)\n  0: var 1\n  1: event.field 1\n");
}

TEST_CASE("window aggregates and group keys") {
  auto c = Load(
      "rule W { from E as e window tumbling 1m group by s having count() > 2 and avg(f) > 1.0 "
      "emit Out { key = s, n = count(), total = sum(e.i), last_j = last(e).j, "
      "p = percentile(f, 50) } }");
  ast::Rule* w = c->FindRule("W");
  CompileOptions opts;
  opts.window = true;
  Program having = CompileExpr(*w->having, c->checked, opts);
  CHECK(Dump(having) ==
        "0: agg 0\n"
        "1: const 0 (int 2)\n"
        "2: cmp.int >\n"
        "3: jump_if_false 7\n"
        "4: agg 1\n"
        "5: const 1 (float 1)\n"
        "6: cmp.float >\n"
        "7: to_bool\n"
        "agg 0: count over window (event -> int) of the events\n"
        "agg 1: avg over window (float -> float)\n"
        "  0: field 3\n");
  CHECK(having.reads_window);
  CHECK(!having.reads_vars);
  CHECK(!having.reads_current);
  auto emit = [&](const char* field) {
    return Dump(CompileExpr(*c->EmitValue("W", field), c->checked, opts));
  };
  CHECK(emit("key") == "0: key 0\n");
  CHECK(emit("total") == "0: agg 0\nagg 0: sum over window (int -> int)\n  0: field 1\n");
  CHECK(emit("last_j") ==
        "0: agg 0\n1: event.field 2\nagg 0: last over window (event -> event) of the events\n");
  // Bare fields inside an aggregate are recognised as the window's without the option.
  CHECK(Dump(CompileExpr(*c->EmitValue("W", "p"), c->checked)) ==
        "0: agg 0\nagg 0: percentile over window (float -> float) p=50\n  0: field 3\n");
  Program key = CompileExpr(*c->EmitValue("W", "key"), c->checked, opts);
  CHECK(key.reads_keys);
}

TEST_CASE("partition keys in a pattern rule's emit") {
  auto c = Load("rule P { pattern a: E -> b: E partition by s within 1m emit Out { k = s, v = b.i } }");
  Program k = CompileExpr(*c->EmitValue("P", "k"), c->checked);
  CHECK(Dump(k) == "0: key 0\n");
  CHECK(k.reads_keys);
}

TEST_CASE("the filter split: single-event conjuncts vs the rest, in written order") {
  auto c = Load(
      "rule R { pattern a: E -> b: E[i > 1 and j == a.j and s =~ /x/ and b.f > 0.5 and "
      "d > prev.d and (i > 2 or j > a.i)] emit Out { v = b.i } }\n"
      "rule S { pattern a: E -> b: E[j == a.j] emit Out2 { v = b.i } }\n"
      "rule T { pattern a: E[i > 1] emit Out3 { v = a.i } }\n");
  ast::Pattern* b = c->Atom("R", "b");
  SplitFilter split = CompileFilter(*b->filter, c->checked, AtomOptions(*b));
  REQUIRE(split.single.has_value());
  REQUIRE(split.rest.has_value());
  CHECK(Dump(*split.single) ==
        "0: field 1\n"
        "1: const 0 (int 1)\n"
        "2: cmp.int >\n"
        "3: jump_if_false 10\n"
        "4: field 4\n"
        "5: regex 0 /x/\n"
        "6: jump_if_false 10\n"
        "7: field 3\n"
        "8: const 1 (float 0.5)\n"
        "9: cmp.float >\n"
        "10: to_bool\n");
  CHECK(split.single->result == TypeKind::kBool);
  CHECK(!split.single->reads_vars);
  CHECK(split.single->reads_current);
  CHECK(Dump(*split.rest) ==
        "0: field 2\n"
        "1: var 0\n"
        "2: event.field 2\n"
        "3: cmp.int ==\n"
        "4: jump_if_false 19\n"
        "5: field 6\n"
        "6: prev\n"
        "7: event.field 6\n"
        "8: cmp.int >\n"
        "9: jump_if_false 19\n"
        "10: field 1\n"
        "11: const 0 (int 2)\n"
        "12: cmp.int >\n"
        "13: jump_if_true 18\n"
        "14: field 2\n"
        "15: var 0\n"
        "16: event.field 1\n"
        "17: cmp.int >\n"
        "18: to_bool\n"
        "19: to_bool\n");
  CHECK(split.rest->reads_vars);

  // Only correlation: no single part.
  ast::Pattern* sb = c->Atom("S", "b");
  SplitFilter s2 = CompileFilter(*sb->filter, c->checked, AtomOptions(*sb));
  CHECK(!s2.single.has_value());
  REQUIRE(s2.rest.has_value());
  // Only the event: no rest; the single part is the conjunct compiled alone.
  ast::Pattern* ta = c->Atom("T", "a");
  SplitFilter s3 = CompileFilter(*ta->filter, c->checked, AtomOptions(*ta));
  REQUIRE(s3.single.has_value());
  CHECK(!s3.rest.has_value());
  CHECK(Dump(*s3.single) == "0: field 1\n1: const 0 (int 1)\n2: cmp.int >\n");
}

TEST_CASE("CanonicalKey: equal for the same predicate in two rules, else different") {
  auto c = Load(
      "rule R1 { pattern a: E[i > LIMIT and s =~ /ab+/i] -> b: E emit O1 { v = a.i } }\n"
      "rule R2 { pattern x: E[x.i > 10 and s =~ /ab+/i] -> y: E emit O2 { v = y.i } }\n"
      "rule R3 { pattern a: E[i > 11 and s =~ /ab+/i] -> b: E emit O3 { v = a.i } }\n"
      "rule R4 { pattern a: E[i > 10 and s =~ /ab+/] -> b: E emit O4 { v = a.i } }\n"
      "rule R5 { pattern a: E[i >= 10 and s =~ /ab+/i] -> b: E emit O5 { v = a.i } }\n"
      "rule R6 { pattern a: E -> b: E[i > 10 and s =~ /ab+/i and j > a.j] emit O6 { v = a.i } }\n");
  auto single = [&](const char* rule, const char* var) {
    ast::Pattern* atom = c->Atom(rule, var);
    SplitFilter s = CompileFilter(*atom->filter, c->checked, AtomOptions(*atom));
    REQUIRE(s.single.has_value());
    return CanonicalKey(*s.single);
  };
  std::string k1 = single("R1", "a");
  CHECK(k1 == single("R2", "x"));  // const folded, own variable = bare field
  CHECK(k1 == single("R6", "b"));  // the single part of a split filter
  CHECK(k1 != single("R3", "a"));  // another constant
  CHECK(k1 != single("R4", "a"));  // other regex flags
  CHECK(k1 != single("R5", "a"));  // another comparison
  CHECK(!k1.empty());
}

TEST_CASE("CanonicalAggregateKey writes out the constants its argument uses") {
  auto c = Load(
      "rule R { pattern a: E -> b: E{1,3} -> z: F within 1m emit Out { "
      "x = sum(b.i * 2), z2 = 7 + sum(b.i * 2), w = sum(b.i * 3), "
      "m = sum(b.j * 2) + sum(b.i * 2) } }\n");
  auto prog = [&](const char* f) { return CompileExpr(*c->EmitValue("R", f), c->checked); };
  Program x = prog("x"), z2 = prog("z2"), w = prog("w"), m = prog("m");
  // In z2 the constant 2 of the argument is const 1 (7 is const 0); in x it is const 0.
  REQUIRE(z2.consts.size() == 2);
  CHECK(CanonicalAggregateKey(x, 0) == CanonicalAggregateKey(z2, 0));
  CHECK(CanonicalAggregateKey(x, 0) != CanonicalAggregateKey(w, 0));
  REQUIRE(m.aggs.size() == 2);
  CHECK(CanonicalAggregateKey(x, 0) == CanonicalAggregateKey(m, 1));
  CHECK(CanonicalAggregateKey(x, 0) != CanonicalAggregateKey(m, 0));
}

}  // namespace
}  // namespace cep::expr
