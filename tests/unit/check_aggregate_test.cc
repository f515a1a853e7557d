// Checker tests for aggregates: over repeated pattern variables (running
// aggregates in filters, aggregates in outputs), over windows, and where they
// are misplaced.
#include <doctest/doctest.h>

#include "compiler/check/check_testing.h"

namespace cep::check {
namespace {

using testing::CheckForTestingOnly;

constexpr const char* kTypes =
    "event Pay { amount: float, qty: int, user: string, note: string? }\n"
    "event Login { user: string }\n";

std::unique_ptr<testing::CheckedForTesting> Pattern(std::string body) {
  return CheckForTestingOnly(std::string(kTypes) + "rule R {\n" + body + "\n}\n");
}

TEST_CASE("a running aggregate over a repeated variable in its own filter") {
  auto r = Pattern(R"(  pattern b: Pay[sum(b.amount) < 1000 and amount > 0]+ -> l: Login[count(b) > 2]
  within 1h
  emit O { total = sum(b.amount), n = count(b), u = l.user })");
  CHECK(r->Kinds() == "");
  const ast::Expr& sum = *r->Atom("R", "b")->filter->args[0]->args[0];
  CHECK(sum.type == Type::Of(TypeKind::kFloat));
  CHECK(sum.args[0]->type.group);
  CHECK(sum.args[0]->args[0]->ref == ast::NameRef::kVariable);
  const ast::Expr& amount = *r->Atom("R", "b")->filter->args[1]->args[0];
  CHECK(amount.ref == ast::NameRef::kField);
  CHECK(!amount.type.group);
}

TEST_CASE("aggregate results and nullability") {
  auto r = Pattern(R"(  pattern a: Login -> b: Pay{2,} -> c: Pay* -> l: Login
  within 1h
  emit O { total = sum(b.amount * b.qty * 2), n = count(b), nn = count(b.note),
           avg_b = avg(b.amount), avg_c = avg(c.amount), sum_c = sum(c.qty),
           lo = min(b.user), hi = max(c.amount), f = first(b).user, l = last(c.amount),
           d = distinct(b.user), sd = stddev(b.qty), p = percentile(b.amount, 90),
           span = last(b).time - first(b).time, u = a.user, v = l.user })");
  CHECK(r->Kinds() == "");
  const EventTypeInfo* o = r->checked.schema.Find("O");
  struct Field {
    const char* name;
    TypeKind kind;
    bool optional;
  } fields[] = {
      {"total", TypeKind::kFloat, false},   {"n", TypeKind::kInt, false},
      {"nn", TypeKind::kInt, false},        {"avg_b", TypeKind::kFloat, false},
      {"avg_c", TypeKind::kFloat, true},    {"sum_c", TypeKind::kInt, false},
      {"lo", TypeKind::kString, false},     {"hi", TypeKind::kFloat, true},
      {"f", TypeKind::kString, false},      {"l", TypeKind::kFloat, true},
      {"d", TypeKind::kInt, false},         {"sd", TypeKind::kFloat, false},
      {"p", TypeKind::kFloat, false},       {"span", TypeKind::kDuration, false},
  };
  for (const Field& f : fields) {
    CAPTURE(f.name);
    const FieldInfo* fi = o->FindField(f.name);
    REQUIRE(fi != nullptr);
    CHECK(fi->type == Type::Of(f.kind));
    CHECK(fi->optional == f.optional);
  }
}

TEST_CASE("a group used as a single value") {
  auto r = Pattern(R"(  pattern b: Pay[b.amount > 10]+ -> l: Login[user == b.user]
  within 1h
  emit O { a = b.amount, e = b })");
  CHECK(r->Kinds() == "type-mismatch@4:18 type-mismatch@4:54 type-mismatch@6:16 "
                      "type-mismatch@6:30");
  CHECK(r->Messages() ==
        "'b.amount' holds one value per event bound to the repeated variable 'b'; aggregate "
        "it, e.g. last(b).amount; for the current event write the field name alone\n"
        "'b.user' holds one value per event bound to the repeated variable 'b'; aggregate it, "
        "e.g. last(b).user\n"
        "'b.amount' holds one value per event bound to the repeated variable 'b'; aggregate "
        "it, e.g. last(b).amount\n"
        "'b' holds every event bound to the repeated variable 'b'; aggregate it, e.g. "
        "count(b) or last(b)\n");
}

TEST_CASE("misplaced aggregates in patterns") {
  auto r = Pattern(R"(  pattern a: Pay[sum(amount) > 1] -> b: Pay[sum(amount) > 1]+ -> c: Pay+ -> l: Login
  within 1h
  emit O { n = count(), s = sum(sum(b.amount)), x = sum(b.amount + c.amount), y = sum(a.qty) })");
  CHECK(r->Kinds() ==
        "misplaced-aggregate@4:18 misplaced-aggregate@4:45 misplaced-aggregate@6:16 "
        "misplaced-aggregate@6:33 type-mismatch@6:57 misplaced-aggregate@6:83");
  CHECK(r->Messages() ==
        "'sum' aggregates the events of a repeated variable, but 'amount' is a single value\n"
        "'sum' aggregates the events of a repeated variable, but 'amount' is a single value; "
        "to aggregate the events taken so far by 'b', write sum(b.amount)\n"
        "count() without an argument counts the events of a window; in a pattern rule name "
        "the repeated variable to count, e.g. count(fail)\n"
        "aggregate 'sum' cannot be nested inside 'sum'\n"
        "one aggregate cannot combine the events of 'b' and 'c'\n"
        "'sum' aggregates the events of a repeated variable, but 'a.qty' is a single value\n");
}

TEST_CASE("aggregate argument types; percentile bounds") {
  auto r = Pattern(R"(  pattern b: Pay+ -> l: Login
  within 1h
  emit O { s = sum(b.user), a = avg(b), p = percentile(b.amount, 101), q = percentile(b.amount, l.user), d = distinct(b) })");
  CHECK(r->Kinds() == "type-mismatch@6:20 type-mismatch@6:37 type-mismatch@6:66 "
                      "not-constant@6:97 type-mismatch@6:119");
  CHECK(r->Messages() ==
        "'sum' needs a number or a duration, but 'b.user' holds string values\n"
        "'avg' needs a number or a duration, but 'b' holds event 'Pay'\n"
        "the percentile must be a number from 0 to 100, not 101\n"
        "the percentile must be a constant number from 0 to 100\n"
        "'distinct' needs a value, but 'b' holds event 'Pay'\n");
}

TEST_CASE("aggregates outside windows and patterns") {
  auto r = CheckForTestingOnly(std::string(kTypes) + R"(const C = count()
rule F { from Pay[count() > 1] emit O { n = sum(amount) } }
)");
  CHECK(r->Kinds() == "misplaced-aggregate@3:11 misplaced-aggregate@4:19 "
                      "misplaced-aggregate@4:45");
  CHECK(r->Messages() ==
        "aggregate 'count' cannot be used here: only literals and constants can\n"
        "aggregate 'count' cannot be used in the filter of 'from', which tests one event at a "
        "time; use 'having' in a windowed rule\n"
        "aggregate 'sum' needs a window to aggregate over; add one, e.g. 'window tumbling "
        "1m'\n");
}

}  // namespace
}  // namespace cep::check
