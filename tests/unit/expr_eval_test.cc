// The expression evaluator (runtime/expr_eval.h) and running aggregates
// (runtime/agg_state.h): expressions from real rules, compiled by
// compile_expr.h, evaluated on hand-built events. Every operator and type
// combination, null propagation in each construct, short-circuiting, in /
// not in, regexes, every builtin with its edge cases, every aggregate over
// 0, 1 and several values (with nulls), running vs folded aggregates, and a
// few hand-built programs (deep stacks, run-time regexes).
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "compiler/check/builtins.h"
#include "compiler/check/const_value.h"
#include "compiler/expr/compile_expr.h"
#include "compiler/expr/expr_testing.h"
#include "compiler/util/strcat.h"
#include "runtime/agg_state.h"
#include "runtime/event.h"
#include "runtime/expr_eval.h"
#include "runtime/io/time_parse.h"

namespace cep::rt {
namespace {

using expr::testing::Checked;
using expr::testing::AtomOptions;
using expr::testing::CheckForTestingOnly;

constexpr const char* kEvents = R"(
event E { i: int, j: int, f: float, g: float, s: string, u: string, w: string, ok: bool,
          d: duration, t: timestamp,
          ni: int?, nf: float?, ns: string?, nb: bool?, nd: duration? }
event F { x: int, name: string }
event G { y: float, x: int }
const TEN = 10
)";

constexpr int64_t kSec = 1'000'000'000;
const int64_t kT0 = *io::ParseRfc3339("2024-01-02T03:04:05Z");

// A readable form of a value: "null", "true", "int 7", "float 2.5",
// "\"text\"", "dur 90s", "ts 2024-01-02T03:04:05Z", "event F@<time s>".
std::string Show(const Value& v) {
  switch (v.tag) {
    case Tag::kNull: return "null";
    case Tag::kBool: return v.b ? "true" : "false";
    case Tag::kInt: return StrCat("int ", v.i);
    case Tag::kFloat: return std::isnan(v.f) ? "float nan" : StrCat("float ", v.f);
    case Tag::kString: return StrCat("\"", v.str(), "\"");
    case Tag::kDuration: return StrCat("dur ", check::FormatDuration(v.i));
    case Tag::kTimestamp: return StrCat("ts ", io::FormatRfc3339(v.i));
    case Tag::kEvent: return StrCat("event ", v.ev->type, "@", (v.ev->time - kT0) / kSec);
  }
  return "?";
}

// Events built by field name; released at the end.
class Events {
 public:
  explicit Events(const check::Schema& schema) : schema_(schema) {}
  ~Events() {
    for (Event* e : events_) store_.Release(e);
  }
  // `time` in seconds after kT0.
  Event* Make(std::string_view type, int64_t time,
              const std::vector<std::pair<std::string, Value>>& fields) {
    const check::EventTypeInfo* t = schema_.Find(type);
    REQUIRE(t != nullptr);
    builder_.Start(t->id, static_cast<uint16_t>(t->fields.size()));
    builder_.SetTime(kT0 + time * kSec);
    for (const auto& [name, v] : fields) {
      const check::FieldInfo* f = t->FindField(name);
      REQUIRE(f != nullptr);
      if (v.tag == Tag::kString) {
        builder_.SetString(f->slot, v.str());
      } else {
        builder_.Set(f->slot, v);
      }
    }
    events_.push_back(builder_.Build(store_));
    return events_.back();
  }

 private:
  const check::Schema& schema_;
  EventStore store_;
  EventBuilder builder_;
  std::vector<Event*> events_;
};

Value I(int64_t v) { return Value::Int(v); }
Value Fl(double v) { return Value::Float(v); }
Value S(std::string_view v) { return Value::String(v); }
Value B(bool v) { return Value::Bool(v); }
Value D(int64_t ns) { return Value::Duration(ns); }
Value T(int64_t ns) { return Value::Timestamp(ns); }

// The standard row: nullable fields null unless `with_nulls_set`.
std::vector<std::pair<std::string, Value>> RowFields(bool with_nulls_set) {
  std::vector<std::pair<std::string, Value>> f = {
      {"i", I(7)},          {"j", I(2)},           {"f", Fl(2.5)},    {"g", Fl(-0.5)},
      {"s", S("Hello")},    {"u", S("\xc3\xa9")},  {"w", S("  Mixed Case\t\n")},
      {"ok", B(true)},      {"d", D(90 * kSec)},   {"t", T(kT0)}};
  if (with_nulls_set) {
    f.insert(f.end(), {{"ni", I(-3)},
                       {"nf", Fl(1.25)},
                       {"ns", S("a\nb")},
                       {"nb", B(false)},
                       {"nd", D(kSec)}});
  }
  return f;
}

// Compiles `exprs` as the emits of a window-less `from E` rule (bare names
// are the fields of the current event) and evaluates them on `row`.
class RowEval {
 public:
  explicit RowEval(const std::vector<std::string>& exprs, bool with_nulls_set = false) {
    std::string rule = "rule R { from E emit Out { ";
    for (size_t k = 0; k < exprs.size(); ++k) {
      rule += StrCat(k == 0 ? "" : ", ", "v", k, " = ", exprs[k]);
    }
    rule += " } }\n";
    c_ = CheckForTestingOnly(std::string(kEvents) + rule);
    INFO(c_->Errors());
    REQUIRE(!c_->diags.has_errors());
    events_ = std::make_unique<Events>(c_->checked.schema);
    row_ = events_->Make("E", 0, RowFields(with_nulls_set));
    programs_.reserve(exprs.size());
    for (size_t k = 0; k < exprs.size(); ++k) {
      ast::Expr* e = c_->EmitValue("R", StrCat("v", k));
      REQUIRE(e != nullptr);
      programs_.push_back(expr::CompileExpr(*e, c_->checked));
    }
  }
  std::string operator()(size_t k) const {
    LoadedProgram lp(&programs_[k]);
    EvalEnv env;
    env.current = row_;
    return Show(lp.Eval(env));
  }

 private:
  std::unique_ptr<Checked> c_;
  std::unique_ptr<Events> events_;
  Event* row_ = nullptr;
  std::vector<expr::Program> programs_;
};

std::string Join(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) out += (out.empty() ? "" : " | ") + v;
  return out;
}

// Evaluates each expression on the standard row; returns the Show()s,
// joined with " | " (so a failing check prints every value).
std::string Row(const std::vector<std::string>& exprs, bool with_nulls_set = false) {
  RowEval r(exprs, with_nulls_set);
  std::vector<std::string> out;
  for (size_t k = 0; k < exprs.size(); ++k) out.push_back(r(k));
  return Join(out);
}

// The expected values, joined as Row joins them.
std::string Strings(const std::vector<std::string>& values) { return Join(values); }

TEST_CASE("int arithmetic: truncation, wrap-around, division by zero is null") {
  CHECK(Row({"i + j", "i - j", "i * j", "i / j", "-i / j", "i % j", "-i % j", "-i",
             "i / (j - 2)", "i % (j - 2)", "9223372036854775807 + j",
             "-9223372036854775808 - j", "9223372036854775807 * j",
             "-9223372036854775808 / (j - 3)", "-9223372036854775808 % (j - 3)",
             "-(-9223372036854775808 + j - 2)"}) ==
        Strings({"int 9", "int 5", "int 14", "int 3", "int -3", "int 1", "int -1", "int -7",
                "null", "null", "int -9223372036854775807", "int 9223372036854775806",
                "int -2", "int -9223372036854775808", "int 0", "int -9223372036854775808"}));
}

TEST_CASE("float arithmetic, int widening, IEEE division by zero") {
  CHECK(Row({"f + g", "f - g", "f * g", "f / g", "f % 2.0", "-g", "i + f", "f * i", "i / 2.0",
             "f / (g + 0.5)", "-f / (g + 0.5)", "(g + 0.5) / (g + 0.5)", "i % 2.5"}) ==
        Strings({"float 2", "float 3", "float -1.25", "float -5", "float 0.5", "float 0.5",
                "float 9.5", "float 17.5", "float 3.5", "float inf", "float -inf",
                "float nan", "float 2"}));
}

TEST_CASE("durations and timestamps") {
  CHECK(Row({"d + d", "d - 30s", "d * 2", "2 * d", "d * 1.5", "0.5 * d", "d / 4", "d / 4.0",
             "d / d", "d / 60s", "d % 60s", "-d", "t + d", "d + t", "t - d", "(t + d) - t",
             "d / (j - 2)", "d / (f - 2.5)", "d % (d - d)", "d * 1e300", "d * ((g + 0.5) / (g + 0.5))",
             "1ns * f * 0.2", "d > 1m", "t < t + 1ns", "d == 90s"}) ==
        Strings({"dur 3m", "dur 1m", "dur 3m", "dur 3m", "dur 135s", "dur 45s", "dur 22500ms",
                "dur 22500ms", "float 1", "float 1.5", "dur 30s", "dur -90s",
                "ts 2024-01-02T03:05:35Z", "ts 2024-01-02T03:05:35Z", "ts 2024-01-02T03:02:35Z",
                "dur 90s", "null", "null", "null", "null", "null", "dur 1ns", "true", "true",
                "true"}));
}

TEST_CASE("comparisons of every type; strings bytewise") {
  CHECK(Row({"i == 7", "i != 7", "i < j", "i <= 7", "i > j", "i >= 8", "i == 7.0", "f > i",
             "g < j", "s == \"Hello\"", "s < \"Hellp\"", "s < \"Hell\"", "u > s", "s >= s",
             "ok == true", "ok != ok", "t == t", "t > t - 1s", "d <= 90s", "d < 90s"}) ==
        Strings({"true", "false", "false", "true", "true", "false", "true", "false", "true",
                "true", "true", "false", "true", "true", "true", "false", "true", "true",
                "true", "false"}));
}

TEST_CASE("strings: + concatenates") {
  CHECK(Row({"s + u", "s + \"\"", "ns + s"}) == Strings({"\"Hello\xc3\xa9\"", "\"Hello\"", "null"}));
}

TEST_CASE("null propagation: arithmetic null, comparisons false, logic treats null as false") {
  CHECK(Row({"ni + 1", "nf * 2.0", "-ni", "nd + d", "ns + s", "ni > 1", "ni != 1", "ni == ni",
             "not (ni == 1)", "nb", "nb and true", "nb or true", "nb or nb", "not nb",
             "nb == true", "nb != true", "ni is null", "ni is not null", "nd * 2",
             "ni / (j - 2) is null"}) ==
        Strings({"null", "null", "null", "null", "null", "false", "false", "false", "true",
                "null", "false", "true", "false", "true", "false", "false", "true", "false",
                "null", "true"}));
  // The same expressions with the optional fields set.
  CHECK(Row({"ni + 1", "ni != 1", "nb or nb", "not nb", "ni is null", "nd * 2"}, true) ==
        Strings({"int -2", "true", "false", "true", "false", "dur 2s"}));
}

TEST_CASE("in and not in") {
  CHECK(Row({"i in [1, 7]", "i in [1, 2]", "i in [7.0]", "f in [2.5, 3]", "s in [\"a\", s]",
             "i not in [1, 2]", "i not in [7]", "i in []", "i not in []", "ni in [1]",
             "ni not in [1]", "i in [ni, 7]", "i not in [1, ni]", "ok in [true]",
             "d in [90s]", "t not in [t]"}) ==
        Strings({"true", "false", "true", "true", "true", "true", "false", "false", "true",
                "false", "false", "true", "false", "true", "true", "false"}));
}

TEST_CASE("regex match with flags; null subject is false") {
  CHECK(Row({"s =~ /^hel/", "s =~ /^hel/i", "s !~ /^hel/", "s !~ /^hel/i", "s =~ /ll/",
             "s =~ /^ll$/", "ns =~ /a.b/", "ns !~ /a.b/", "matches(ns, \"a\")"}) ==
        Strings({"false", "true", "true", "false", "true", "false", "false", "false", "null"}));
  CHECK(Row({"ns =~ /a.b/", "ns =~ /a.b/s", "ns !~ /a.b/", "matches(ns, \"^a\")",
             "matches(s, \"x\")"},
            true) == Strings({"false", "true", "true", "true", "false"}));
}

TEST_CASE("string builtins") {
  CHECK(Row({"length(s)", "length(u)", "length(\"\")", "length(ns)", "lower(s)", "upper(s)",
             "upper(u)", "lower(\"abc\")", "trim(w)", "trim(\"   \")", "contains(s, \"ell\")",
             "contains(s, \"\")", "contains(s, \"L\")", "starts_with(s, \"He\")",
             "starts_with(s, \"he\")", "ends_with(s, \"llo\")", "ends_with(s, s + s)",
             "contains(ns, s)", "upper(ns)"}) ==
        Strings({"int 5", "int 1", "int 0", "null", "\"hello\"", "\"HELLO\"", "\"\xc3\xa9\"",
                "\"abc\"", "\"Mixed Case\"", "\"\"", "true", "true", "false", "true", "false",
                "true", "false", "null", "null"}));
}

TEST_CASE("substr: 0-based code points, clamped") {
  CHECK(Row({"substr(s, 1, 3)", "substr(s, 2)", "substr(s, 0)", "substr(s, -2, 3)",
             "substr(s, 4, 10)", "substr(s, 5)", "substr(s, 10)", "substr(s, 1, 0)",
             "substr(s, 1, -1)", "substr(\"h\xc3\xa9llo\", 1, 2)", "substr(u + s, 1)",
             "substr(s, ni)", "substr(s, 9223372036854775807, 9223372036854775807)",
             "substr(s, 1, 9223372036854775807)"}) ==
        Strings({"\"ell\"", "\"llo\"", "\"Hello\"", "\"Hel\"", "\"o\"", "\"\"", "\"\"", "\"\"",
                "\"\"", "\"\xc3\xa9l\"", "\"Hello\"", "null", "\"\"", "\"ello\""}));
}

TEST_CASE("concat and to_string format values like the JSON writer") {
  CHECK(Row({"concat(s, i, f, ok, d, t)", "concat(s)", "concat(i * 1.0)", "concat(f * 1e20)",
             "concat(g + 0.5 - 0.5 * 3.0)", "concat(s, ni)", "concat(f / (g + 0.5))",
             "concat(-f / (g + 0.5))", "concat((g + 0.5) / (g + 0.5))", "concat(d / 3)",
             "to_string(i)", "to_string(f)", "to_string(1.0 * i)", "to_string(ok)",
             "to_string(d)", "to_string(t + 1ns * 5000000)", "to_string(s)", "to_string(ni)",
             "to_string(0.1 * 3.0 * f)"}) ==
        Strings({"\"Hello72.5true90s2024-01-02T03:04:05Z\"", "\"Hello\"", "\"7.0\"",
                "\"2.5e+20\"", "\"-1.5\"", "null", "\"Infinity\"", "\"-Infinity\"", "\"NaN\"",
                "\"30s\"", "\"7\"", "\"2.5\"", "\"7.0\"", "\"true\"", "\"90s\"",
                "\"2024-01-02T03:04:05.005Z\"", "\"Hello\"", "null",
                "\"0.7500000000000001\""}));
}

TEST_CASE("number builtins") {
  CHECK(Row({"abs(-i)", "abs(i)", "abs(g)", "abs(-d)", "abs(ni)", "round(f)", "round(-f)",
             "round(g)", "round(i)", "floor(g)", "ceil(g)", "floor(f)", "ceil(f)", "floor(i)",
             "sqrt(i * 9 / 7)", "sqrt(f * 0.4)", "sqrt(-1.0 * i)", "sqrt(nf)",
             "abs(-9223372036854775808 + j - 2)"}) ==
        Strings({"int 7", "int 7", "float 0.5", "dur 90s", "null", "float 3", "float -3",
                "float -1", "int 7", "float -1", "float -0", "float 2", "float 3", "int 7",
                "float 3", "float 1", "float nan", "null", "int -9223372036854775808"}));
}

TEST_CASE("if: the branch the condition picks; null is not true") {
  CHECK(Row({"if(ok, s, u)", "if(not ok, s, u)", "if(i > j, i, f)", "if(i < j, i, f)",
             "if(nb, 1, 2)", "if(ni > 0, \"pos\", \"other\")", "if(ok, ni, i)",
             "if(ok, i, ni)", "if(ok, nd, d)", "if(i > 0, 1, i / (j - 2))"}) ==
        Strings({"\"Hello\"", "\"\xc3\xa9\"", "float 7", "float 2.5", "int 2", "\"other\"",
                "null", "int 7", "null", "int 1"}));
}

TEST_CASE("min, max and coalesce") {
  CHECK(Row({"min(i, j)", "max(i, j)", "max(i, f)", "min(i, f)", "min(s, u)", "max(s, u)",
             "min(t, t + d)", "max(d, 1m)", "min(ni, 1)", "max(f, (g + 0.5) / (g + 0.5))",
             "coalesce(ni, i)", "coalesce(ni, ni)", "coalesce(nf, i)", "coalesce(ns, s, \"x\")",
             "coalesce(i, ni)", "coalesce(nd, d)"}) ==
        Strings({"int 2", "int 7", "float 7", "float 2.5", "\"Hello\"", "\"\xc3\xa9\"",
                "ts 2024-01-02T03:04:05Z", "dur 90s", "null", "float 2.5", "int 7", "null",
                "float 7", "\"Hello\"", "int 7", "dur 90s"}));
}

TEST_CASE("conversions: to_int, to_float, timestamp") {
  CHECK(Row({"to_int(\"42\")", "to_int(\" -42 \")", "to_int(\"+5\")", "to_int(\"3.9\")",
             "to_int(\"-3.9\")", "to_int(\"x\")", "to_int(\"\")", "to_int(\"1e30\")",
             "to_int(\"99999999999999999999\")", "to_int(f)", "to_int(-f)", "to_int(ok)",
             "to_int(i)", "to_int(f * 1e300)", "to_int((g + 0.5) / (g + 0.5))", "to_int(ns)",
             "to_float(\"2.5\")", "to_float(\" 1e3 \")", "to_float(\"abc\")", "to_float(i)",
             "to_float(\"-0.5\")", "to_float(\"1.5x\")"}) ==
        Strings({"int 42", "int -42", "int 5", "int 3", "int -3", "null", "null", "null", "null",
                "int 2", "int -2", "int 1", "int 7", "null", "null", "null", "float 2.5",
                "float 1000", "null", "float 7", "float -0.5", "null"}));
  CHECK(Row({"timestamp(s)", "timestamp(\"2024-01-02T03:04:05Z\")", "timestamp(ns)",
             "timestamp(substr(\"x2024-01-02T03:04:05.25+01:00\", 1))"}) ==
        Strings({"null", "ts 2024-01-02T03:04:05Z", "null", "ts 2024-01-02T02:04:05.250Z"}));
}

TEST_CASE("geo_distance_km: haversine, R = 6371.0088 km") {
  RowEval r({"geo_distance_km(0, 0, 0, 1)", "geo_distance_km(f, f, f, f)",
             "geo_distance_km(48.8566, 2.3522, 51.5074, -0.1278)",
             "geo_distance_km(0, 0, 0, 180)", "geo_distance_km(nf, 0, 0, 0)"});
  // One degree of a great circle: 2 pi R / 360.
  CHECK(r(0) == StrCat("float ", 2 * 3.14159265358979323846 * 6371.0088 / 360));
  CHECK(r(1) == "float 0");
  std::string paris_london = r(2);
  double km = std::stod(paris_london.substr(6));
  CHECK(km == doctest::Approx(343.56).epsilon(0.001));
  CHECK(std::stod(r(3).substr(6)) == doctest::Approx(3.14159265358979323846 * 6371.0088));
  CHECK(r(4) == "null");
}

TEST_CASE("Test() is true only for the bool true") {
  auto c = CheckForTestingOnly(std::string(kEvents) +
                               "rule R { from E[nb] emit O1 { v = i } }\n"
                               "rule S { from E[ok] emit O2 { v = i } }\n");
  REQUIRE(!c->diags.has_errors());
  Events ev(c->checked.schema);
  Event* row = ev.Make("E", 0, RowFields(false));
  expr::Program nb = expr::CompileExpr(*c->FindRule("R")->from->filter, c->checked);
  expr::Program ok = expr::CompileExpr(*c->FindRule("S")->from->filter, c->checked);
  EvalEnv env;
  env.current = row;
  CHECK(!LoadedProgram(&nb).Test(env));  // null
  CHECK(LoadedProgram(&ok).Test(env));
  CHECK(LoadedProgram().Eval(env).is_null());  // an empty program
}

// Counts the aggregates evaluated and answers with a constant.
class CountingAggregates : public AggregateSource {
 public:
  Value Aggregate(const LoadedProgram&, uint32_t, const EvalEnv&) const override {
    ++calls;
    return Value::Int(5);
  }
  mutable int calls = 0;
};

TEST_CASE("and / or short-circuit: the right side never runs") {
  auto c = CheckForTestingOnly(
      std::string(kEvents) +
      "rule R { pattern a: E -> b: E[i / (j - 2) > 0 and ok and sum(b.i) > 1]{1,3} "
      "emit O1 { v = a.i } }\n"
      "rule S { pattern a: E -> b: E[ok or sum(b.i) > 1]{1,3} emit O2 { v = a.i } }\n");
  INFO(c->Errors());
  REQUIRE(!c->diags.has_errors());
  Events ev(c->checked.schema);
  auto fields = RowFields(false);
  Event* yes = ev.Make("E", 0, fields);
  fields[7].second = B(false);  // ok
  Event* no = ev.Make("E", 0, fields);
  fields[1].second = I(3);  // j: no division by zero, i / 1 > 0
  Event* no_j3 = ev.Make("E", 0, fields);
  fields[7].second = B(true);
  Event* yes_j3 = ev.Make("E", 0, fields);

  ast::Pattern* rb = c->Atom("R", "b");
  expr::Program pr = expr::CompileExpr(*rb->filter, c->checked, AtomOptions(*rb));
  ast::Pattern* sb = c->Atom("S", "b");
  expr::Program ps = expr::CompileExpr(*sb->filter, c->checked, AtomOptions(*sb));
  LoadedProgram r(&pr), s(&ps);
  CountingAggregates aggs;
  EvalEnv env;
  env.aggs = &aggs;
  env.current = yes;  // the division by zero is null: false, nothing else runs
  CHECK(!r.Test(env));
  CHECK(aggs.calls == 0);
  env.current = no_j3;  // true and false: the aggregate does not run
  CHECK(!r.Test(env));
  CHECK(aggs.calls == 0);
  env.current = yes_j3;
  CHECK(r.Test(env));
  CHECK(aggs.calls == 1);
  env.current = yes;  // `ok or ...`: ok is true
  CHECK(s.Test(env));
  CHECK(aggs.calls == 1);
  env.current = no;
  CHECK(s.Test(env));
  CHECK(aggs.calls == 2);
}

int32_t VarIndex(const ast::Rule& r, std::string_view name) {
  for (size_t k = 0; k < r.variables.size(); ++k) {
    if (r.variables[k].name.text == name) return static_cast<int32_t>(k);
  }
  return -1;
}

TEST_CASE("variables, the own variable, prev (per-type slots), keys") {
  auto c = CheckForTestingOnly(
      std::string(kEvents) +
      "rule R { pattern a: E -> (p: F | q: G) -> b: F[x > prev.x and x > a.i and "
      "b.name == a.s and prev.time < b.time] partition by E.i, F.x, G.x within 1m "
      "emit O1 { k = i, ai = a.i, px = p.x, qy = q.y, pn = p is null, bn = b.name } }\n");
  INFO(c->Errors());
  REQUIRE(!c->diags.has_errors());
  ast::Rule& rule = *c->FindRule("R");
  Events ev(c->checked.schema);
  Event* a = ev.Make("E", 0, RowFields(false));
  Event* p = ev.Make("F", 1, {{"x", I(8)}, {"name", S("n")}});
  Event* q = ev.Make("G", 2, {{"y", Fl(0.5)}, {"x", I(9)}});
  Event* b = ev.Make("F", 3, {{"x", I(10)}, {"name", S("Hello")}});
  Event* b2 = ev.Make("F", 3, {{"x", I(9)}, {"name", S("Hello")}});
  ast::Pattern* atom = c->Atom("R", "b");
  expr::Program filter = expr::CompileExpr(*atom->filter, c->checked, AtomOptions(*atom));
  LoadedProgram lf(&filter);

  std::vector<const Event*> vars(rule.variables.size(), nullptr);
  vars[VarIndex(rule, "a")] = a;
  vars[VarIndex(rule, "p")] = p;
  EvalEnv env;
  env.vars = vars.data();
  env.current = b;
  env.prev = p;  // F: x at slot 1
  CHECK(lf.Test(env));
  env.current = b2;
  CHECK(lf.Test(env));  // 9 > 8
  vars[VarIndex(rule, "p")] = nullptr;
  vars[VarIndex(rule, "q")] = q;
  env.prev = q;  // G: x at slot 2
  CHECK(!lf.Test(env));  // 9 > 9 is false
  env.current = b;
  CHECK(lf.Test(env));
  env.prev = nullptr;  // no predecessor: prev.x is null, the comparison false
  CHECK(!lf.Test(env));

  Value key = I(7);
  env.keys = &key;
  env.prev = nullptr;
  vars[VarIndex(rule, "b")] = b;
  auto emit = [&](const char* f) {
    expr::Program p = expr::CompileExpr(*c->EmitValue("R", f), c->checked);
    return Show(LoadedProgram(&p).Eval(env));
  };
  CHECK(emit("k") == "int 7");
  CHECK(emit("ai") == "int 7");
  CHECK(emit("px") == "null");  // p is unbound in this match
  CHECK(emit("qy") == "float 0.5");
  CHECK(emit("pn") == "true");
  CHECK(emit("bn") == "\"Hello\"");
  env.vars = nullptr;  // no variable table at all
  CHECK(emit("ai") == "null");
}

TEST_CASE("the `as` alias of a from filter is the current event with own_var") {
  auto c = CheckForTestingOnly(std::string(kEvents) +
                               "rule R { from E[e.i > 5 and e.s == s] as e emit O1 { v = e.i } }\n");
  INFO(c->Errors());
  REQUIRE(!c->diags.has_errors());
  ast::Rule& r = *c->FindRule("R");
  expr::CompileOptions opts;
  opts.own_var = VarIndex(r, "e");
  expr::Program p = expr::CompileExpr(*r.from->filter, c->checked, opts);
  CHECK(!p.reads_vars);
  Events ev(c->checked.schema);
  EvalEnv env;
  env.current = ev.Make("E", 0, RowFields(false));
  CHECK(LoadedProgram(&p).Test(env));
}

// The aggregates of rule A over events of b.
constexpr const char* kAggRule =
    "rule A { pattern a: E -> b: E{0,5} -> z: F within 1h emit O { n = count(b), "
    "nv = count(b.ni), si = sum(b.ni), sf = sum(b.nf), sd = sum(b.nd), ai = avg(b.ni), "
    "af = avg(b.nf), ad = avg(b.nd), mn = min(b.ni), mx = max(b.ns), mt = min(b.t), "
    "xd = max(b.nd), fi = first(b.ni), la = last(b.ni), fe = first(b).i, le = last(b).i, "
    "di = distinct(b.ni), dn = count_distinct(b.ns), sdv = stddev(b.ni), "
    "p50 = percentile(b.ni, 50), p90 = percentile(b.nd, 90), p0 = percentile(b.nf, 0), "
    "p100 = percentile(b.ni, 100), ls = last(b.ns), up = max(upper(b.ns)), "
    "cat = concat(upper(a.s), \"/\", max(upper(b.ns)), \"/\", lower(a.s)), "
    "wsum = sum(b.ni * a.i), sdf = stddev(b.nf) } }\n";

const char* kAggFields[] = {"n",  "nv",  "si",  "sf",  "sd",  "ai", "af",  "ad", "mn", "mx",
                            "mt", "xd",  "fi",  "la",  "fe",  "le", "di",  "dn", "sdv",
                            "p50", "p90", "p0", "p100", "ls", "up", "cat", "wsum", "sdf"};

struct AggFixture {
  AggFixture() {
    c = CheckForTestingOnly(std::string(kEvents) + kAggRule);
    INFO(c->Errors());
    REQUIRE(!c->diags.has_errors());
    rule = c->FindRule("A");
    events = std::make_unique<Events>(c->checked.schema);
    a = events->Make("E", 0, RowFields(false));
    for (const char* f : kAggFields) {
      ast::Expr* e = c->EmitValue("A", f);
      REQUIRE(e != nullptr);
      programs.push_back(expr::CompileExpr(*e, c->checked));
    }
  }
  Event* B(int k, std::vector<std::pair<std::string, Value>> optional) {
    auto f = RowFields(false);
    f[0].second = I(k);                   // i
    f[9].second = T(kT0 + k * kSec);      // t
    for (auto& o : optional) f.push_back(std::move(o));
    return events->Make("E", k, f);
  }
  // Every emit value with b bound to `bs`.
  std::vector<std::string> Eval(const std::vector<const Event*>& bs) {
    std::vector<std::vector<const Event*>> per_var(rule->variables.size());
    per_var[VarIndex(*rule, "b")] = bs;
    per_var[VarIndex(*rule, "a")] = {a};
    std::vector<const Event*> vars(rule->variables.size(), nullptr);
    vars[VarIndex(*rule, "a")] = a;
    if (!bs.empty()) vars[VarIndex(*rule, "b")] = bs.back();
    MatchAggregates aggs(&per_var);
    EvalEnv env;
    env.vars = vars.data();
    env.aggs = &aggs;
    std::vector<std::string> out;
    for (const expr::Program& p : programs) out.push_back(Show(LoadedProgram(&p).Eval(env)));
    return out;
  }
  std::string At(const std::vector<std::string>& values, std::string_view field) {
    for (size_t k = 0; k < std::size(kAggFields); ++k) {
      if (kAggFields[k] == field) return values[k];
    }
    return "?";
  }

  std::unique_ptr<Checked> c;
  ast::Rule* rule = nullptr;
  std::unique_ptr<Events> events;
  Event* a = nullptr;
  std::vector<expr::Program> programs;
};

TEST_CASE("aggregates over no events") {
  AggFixture fx;
  CHECK(Join(fx.Eval({})) ==
        Strings({"int 0", "int 0", "int 0", "float 0", "dur 0s", "null", "null", "null", "null",
                "null", "null", "null", "null", "null", "null", "null", "int 0", "int 0",
                "null", "null", "null", "null", "null", "null", "null", "null", "int 0",
                "null"}));
}

TEST_CASE("aggregates over one event") {
  AggFixture fx;
  Event* b = fx.B(1, {{"ni", I(-3)}, {"nf", Fl(1.25)}, {"ns", S("a\nb")}, {"nd", D(kSec)}});
  CHECK(Join(fx.Eval({b})) ==
        Strings({"int 1", "int 1", "int -3", "float 1.25", "dur 1s", "float -3", "float 1.25",
                "dur 1s", "int -3", "\"a\nb\"", "ts 2024-01-02T03:04:06Z", "dur 1s", "int -3",
                "int -3", "int 1", "int 1", "int 1", "int 1", "null", "float -3", "dur 1s",
                "float 1.25", "float -3", "\"a\nb\"", "\"A\nB\"", "\"HELLO/A\nB/hello\"",
                "int -21", "null"}));
  // One event whose values are all null: skipped, but count(b) counts the event.
  Event* n = fx.B(2, {});
  std::vector<std::string> v = fx.Eval({n});
  CHECK(fx.At(v, "n") == "int 1");
  CHECK(fx.At(v, "nv") == "int 0");
  CHECK(fx.At(v, "si") == "int 0");
  CHECK(fx.At(v, "ai") == "null");
  CHECK(fx.At(v, "fe") == "int 2");
  CHECK(fx.At(v, "fi") == "null");
  CHECK(fx.At(v, "di") == "int 0");
  CHECK(fx.At(v, "p50") == "null");
}

TEST_CASE("aggregates over several events with nulls") {
  AggFixture fx;
  std::vector<const Event*> bs = {
      fx.B(1, {{"ni", I(4)}, {"nf", Fl(1.5)}, {"ns", S("b")}, {"nd", D(2 * kSec)}}),
      fx.B(2, {}),
      fx.B(3, {{"ni", I(2)}, {"nf", Fl(2.5)}, {"ns", S("B")}, {"nd", D(4 * kSec)}}),
      fx.B(4, {{"ni", I(4)}, {"nf", Fl(-1.0)}, {"ns", S("c")}, {"nd", D(kSec)}}),
      fx.B(5, {}),
  };
  std::vector<std::string> v = fx.Eval(bs);
  CHECK(fx.At(v, "n") == "int 5");
  CHECK(fx.At(v, "nv") == "int 3");
  CHECK(fx.At(v, "si") == "int 10");
  CHECK(fx.At(v, "sf") == "float 3");
  CHECK(fx.At(v, "sd") == "dur 7s");
  CHECK(fx.At(v, "ai") == StrCat("float ", 10.0 / 3));
  CHECK(fx.At(v, "af") == "float 1");
  CHECK(fx.At(v, "ad") == "dur 2333333333ns");  // 7s / 3, rounded
  CHECK(fx.At(v, "mn") == "int 2");
  CHECK(fx.At(v, "mx") == "\"c\"");
  CHECK(fx.At(v, "mt") == "ts 2024-01-02T03:04:06Z");
  CHECK(fx.At(v, "xd") == "dur 4s");
  CHECK(fx.At(v, "fi") == "int 4");
  CHECK(fx.At(v, "la") == "int 4");  // the last non-null value
  CHECK(fx.At(v, "fe") == "int 1");
  CHECK(fx.At(v, "le") == "int 5");  // last(b) is the last event, whatever its fields
  CHECK(fx.At(v, "di") == "int 2");
  CHECK(fx.At(v, "dn") == "int 3");  // "b" and "B" differ
  CHECK(std::stod(fx.At(v, "sdv").substr(6)) ==
        doctest::Approx(std::sqrt((4.0 / 9 + 16.0 / 9 + 4.0 / 9) / 2)));
  CHECK(fx.At(v, "p50") == "float 4");
  CHECK(fx.At(v, "p90") == "dur 4s");
  CHECK(fx.At(v, "p0") == "float -1");
  CHECK(fx.At(v, "p100") == "float 4");
  CHECK(fx.At(v, "ls") == "\"c\"");
  CHECK(fx.At(v, "up") == "\"C\"");
  CHECK(fx.At(v, "cat") == "\"HELLO/C/hello\"");
  CHECK(fx.At(v, "wsum") == "int 70");
  CHECK(std::stod(fx.At(v, "sdf").substr(6)) == doctest::Approx(std::sqrt(6.5 / 2)));
}

TEST_CASE("percentile: nearest rank") {
  AggFixture fx;
  std::vector<const Event*> bs;
  for (int k = 1; k <= 5; ++k) bs.push_back(fx.B(k, {{"ni", I(60 - 10 * k)}}));  // 50..10
  // Sorted: 10 20 30 40 50. p50: rank ceil(2.5) = 3; p0: rank 1; p100: rank 5.
  std::vector<std::string> v = fx.Eval(bs);
  CHECK(fx.At(v, "p50") == "float 30");
  CHECK(fx.At(v, "p100") == "float 50");
  bs.pop_back();  // 20 30 40 50: p50 is rank 2
  v = fx.Eval(bs);
  CHECK(fx.At(v, "p50") == "float 30");
}

TEST_CASE("running aggregates (AggState) equal folded ones, with and without a tentative event") {
  AggFixture fx;
  std::vector<const Event*> bs = {
      fx.B(1, {{"ni", I(4)}, {"nf", Fl(1.5)}, {"ns", S("b")}, {"nd", D(2 * kSec)}}),
      fx.B(2, {}),
      fx.B(3, {{"ni", I(2)}, {"nf", Fl(0.1)}, {"ns", S("B")}, {"nd", D(4 * kSec)}}),
      fx.B(4, {{"ni", I(4)}, {"nf", Fl(0.2)}, {"ns", S("c")}, {"nd", D(kSec)}}),
      fx.B(5, {{"ni", I(-7)}, {"nf", Fl(1e10)}, {"ns", S("a")}, {"nd", D(3)}}),
  };
  std::vector<const Event*> vars(fx.rule->variables.size(), nullptr);
  vars[VarIndex(*fx.rule, "a")] = fx.a;
  EvalEnv env;
  env.vars = vars.data();
  int checked = 0;
  for (const expr::Program& p : fx.programs) {
    LoadedProgram lp(&p);
    for (uint32_t k = 0; k < p.aggs.size(); ++k) {
      const expr::Aggregate& spec = p.aggs[k];
      if (spec.var != VarIndex(*fx.rule, "b")) continue;
      AggState state;
      for (size_t n = 0; n < bs.size(); ++n) {
        Value tentative = lp.EvalAggregateArg(k, bs[n], env);
        std::string with = Show(state.ResultWith(tentative, spec));
        AggState copy = state;  // a copy keeps its values
        state.Update(tentative, spec);
        std::string after = Show(state.Result(spec));
        std::vector<const Event*> prefix(bs.begin(), bs.begin() + static_cast<long>(n) + 1);
        std::string folded = Show(FoldAggregate(lp, k, prefix, env));
        CAPTURE(expr::Dump(p));
        CAPTURE(n);
        CHECK(with == after);
        CHECK(after == folded);
        if (n > 0) {
          std::vector<const Event*> before(bs.begin(), bs.begin() + static_cast<long>(n));
          CHECK(Show(copy.Result(spec)) == Show(FoldAggregate(lp, k, before, env)));
        }
        ++checked;
      }
    }
  }
  CHECK(checked == 5 * 28);
}

TEST_CASE("AggState keeps its own copy of strings; copies share it") {
  std::string text = "zeta";
  AggState st;
  st.Update(Value::String(text), check::BuiltinId::kMax);
  text = "aaaa";  // the caller's bytes change (or die)
  CHECK(Show(st.Result(check::BuiltinId::kMax, TypeKind::kString)) == "\"zeta\"");
  AggState copy = st;
  std::vector<AggState> moved;
  moved.push_back(copy);
  moved.resize(100);  // reallocations move the states
  CHECK(Show(moved[0].Result(check::BuiltinId::kMax, TypeKind::kString)) == "\"zeta\"");
  std::string other = "zz";
  CHECK(Show(st.ResultWith(Value::String(other), check::BuiltinId::kMax, TypeKind::kString)) ==
        "\"zz\"");
  CHECK(Show(st.Result(check::BuiltinId::kMax, TypeKind::kString)) == "\"zeta\"");
  // distinct: copy on write.
  AggState d;
  d.Update(Value::String(text), check::BuiltinId::kDistinct);
  AggState d2 = d;
  d2.Update(Value::String(other), check::BuiltinId::kDistinct);
  d2.Update(Value::String(other), check::BuiltinId::kDistinct);
  CHECK(Show(d.Result(check::BuiltinId::kDistinct, TypeKind::kInt)) == "int 1");
  CHECK(Show(d2.Result(check::BuiltinId::kDistinct, TypeKind::kInt)) == "int 2");
  CHECK(Show(d2.ResultWith(Value::String("aaaa"), check::BuiltinId::kDistinct, TypeKind::kInt)) ==
        "int 2");
  CHECK(Show(d2.ResultWith(Value::Null(), check::BuiltinId::kDistinct, TypeKind::kInt)) ==
        "int 2");
  CHECK(Show(d2.ResultWith(Value::String("new"), check::BuiltinId::kDistinct, TypeKind::kInt)) ==
        "int 3");
  // 1 and 1.0 are distinct values; so are 0.0 and -0.0.
  AggState n;
  for (Value v : {I(1), Fl(1.0), Fl(0.0), Fl(-0.0), I(1)}) n.Update(v, check::BuiltinId::kDistinct);
  CHECK(Show(n.Result(check::BuiltinId::kDistinct, TypeKind::kInt)) == "int 4");
}

TEST_CASE("AggState: sum wraps, min/max keep the first of equals, NaN only when alone") {
  using check::BuiltinId;
  AggState s;
  s.Update(I(9223372036854775807), BuiltinId::kSum);
  s.Update(I(2), BuiltinId::kSum);
  CHECK(Show(s.Result(BuiltinId::kSum, TypeKind::kInt)) == "int -9223372036854775807");
  AggState avg;  // the average is exact although the sum overflows int64
  avg.Update(I(9223372036854775807), BuiltinId::kAvg);
  avg.Update(I(9223372036854775807), BuiltinId::kAvg);
  CHECK(Show(avg.Result(BuiltinId::kAvg, TypeKind::kFloat)) == "float 9223372036854775808");  // 2^63, the double nearest
  AggState mn;
  for (double x : {std::nan(""), 3.0, std::nan(""), 1.0, 2.0}) mn.Update(Fl(x), BuiltinId::kMin);
  CHECK(Show(mn.Result(BuiltinId::kMin, TypeKind::kFloat)) == "float 1");
  AggState only_nan;
  only_nan.Update(Fl(std::nan("")), BuiltinId::kMax);
  CHECK(Show(only_nan.Result(BuiltinId::kMax, TypeKind::kFloat)) == "float nan");
  AggState ad;  // avg of durations rounds half away from zero
  ad.Update(D(-1), BuiltinId::kAvg);
  ad.Update(D(-2), BuiltinId::kAvg);
  CHECK(Show(ad.Result(BuiltinId::kAvg, TypeKind::kDuration)) == "dur -2ns");
  CHECK(ad.count() == 2);
}

TEST_CASE("window aggregates fold over the window's rows") {
  auto c = CheckForTestingOnly(
      std::string(kEvents) +
      "rule W { from E[i > 0] as e window tumbling 1m group by s having count() > 1 "
      "emit Out { k = s, n = count(), se = sum(e.i), lj = last(e).j, p = percentile(f, 50), "
      "mx = max(upper(e.s)) } }\n");
  INFO(c->Errors());
  REQUIRE(!c->diags.has_errors());
  ast::Rule& w = *c->FindRule("W");
  Events ev(c->checked.schema);
  std::vector<const Event*> rows;
  for (int k = 1; k <= 3; ++k) {
    auto f = RowFields(false);
    f[0].second = I(k);
    f[1].second = I(10 * k);
    f[2].second = Fl(0.5 * k);
    rows.push_back(ev.Make("E", k, f));
  }
  expr::CompileOptions opts;
  opts.window = true;
  WindowAggregates aggs(rows);
  Value key = S("Hello");
  EvalEnv env;
  env.aggs = &aggs;
  env.keys = &key;
  expr::Program having = expr::CompileExpr(*w.having, c->checked, opts);
  CHECK(LoadedProgram(&having).Test(env));
  auto emit = [&](const char* f) {
    expr::Program p = expr::CompileExpr(*c->EmitValue("W", f), c->checked, opts);
    return Show(LoadedProgram(&p).Eval(env));
  };
  CHECK(emit("k") == "\"Hello\"");
  CHECK(emit("n") == "int 3");
  CHECK(emit("se") == "int 6");
  CHECK(emit("lj") == "int 30");
  CHECK(emit("p") == "float 1");
  CHECK(emit("mx") == "\"HELLO\"");
  WindowAggregates one(std::span<const Event* const>(rows.data(), 1));
  env.aggs = &one;
  CHECK(!LoadedProgram(&having).Test(env));
}

// ---- hand-built programs ----

expr::Instr In(expr::Op op, uint32_t a = 0, uint8_t x = 0) {
  expr::Instr in;
  in.op = op;
  in.a = a;
  in.x = x;
  return in;
}

expr::Const StrConst(std::string s) {
  expr::Const c;
  c.kind = TypeKind::kString;
  c.text = std::move(s);
  return c;
}

TEST_CASE("a stack deeper than the inline one, and a wrong max_stack") {
  expr::Program p;
  expr::Const one;
  one.kind = TypeKind::kInt;
  one.i = 1;
  p.consts.push_back(one);
  for (int k = 0; k < 100; ++k) p.code.push_back(In(expr::Op::kConst, 0));
  for (int k = 0; k < 99; ++k) p.code.push_back(In(expr::Op::kAddInt));
  p.max_stack = 0;  // the loader computes what the code needs
  CHECK(expr::MaxStackDepth(p.code) == 100);
  CHECK(Show(LoadedProgram(&p).Eval({})) == "int 100");
}

TEST_CASE("matches() with a run-time pattern (hand-built), and missing inputs") {
  expr::Program p;
  p.consts = {StrConst("^a+b"), StrConst("aaab"), StrConst("("), StrConst("xab")};
  p.code = {In(expr::Op::kConst, 1), In(expr::Op::kConst, 0),
            In(expr::Op::kCall, static_cast<uint32_t>(check::BuiltinId::kMatches), 2)};
  CHECK(Show(LoadedProgram(&p).Eval({})) == "true");
  p.code[0].a = 3;
  CHECK(Show(LoadedProgram(&p).Eval({})) == "false");
  p.code[1].a = 2;  // an invalid regex
  CHECK(Show(LoadedProgram(&p).Eval({})) == "null");
  // Loads with nothing to read give null.
  expr::Program q;
  q.code = {In(expr::Op::kField, 3), In(expr::Op::kVarEvent, 1), In(expr::Op::kEventField, 2),
            In(expr::Op::kPrevEvent), In(expr::Op::kKey, 0), In(expr::Op::kAggregate, 0),
            In(expr::Op::kCall, static_cast<uint32_t>(check::BuiltinId::kCoalesce), 5)};
  q.aggs.resize(1);
  CHECK(Show(LoadedProgram(&q).Eval({})) == "null");
}

TEST_CASE("string results live in the program's scratch until the next evaluation") {
  RowEval r({"concat(lower(s), upper(s), substr(s, 1, 2), trim(w), to_string(f))"});
  CHECK(r(0) == "\"helloHELLOelMixed Case2.5\"");
  CHECK(r(0) == "\"helloHELLOelMixed Case2.5\"");  // the arena is reused
  // Many large results in one evaluation: chunks grow.
  std::string big = "concat(s";
  for (int k = 0; k < 200; ++k) big += ", upper(w), lower(w)";
  big += ")";
  RowEval r2({big});
  std::string v = r2(0);
  CHECK(v.size() == 2 + 5 + 200 * 2 * 14);
}

}  // namespace
}  // namespace cep::rt
