// Checker tests for names: event types, fields, constants, functions and
// variables that do not exist or exist twice, and module scoping (what a file
// sees through its imports).
#include <doctest/doctest.h>

#include "compiler/check/check_testing.h"

namespace cep::check {
namespace {

using testing::CheckFilesForTestingOnly;
using testing::CheckForTestingOnly;

TEST_CASE("unknown field in a filter: the architecture's example") {
  auto r = CheckForTestingOnly(R"(event Login { user: string }
event Payment { amount: float, user: string }
rule R {
  pattern p: Payment[amout > 100] -> l: Login[user == p.user]
  within 1m
  emit X { u = l.user }
}
)");
  CHECK(r->Kinds() == "unknown-field@4:22");
  const Diagnostic* d = r->First("unknown-field");
  REQUIRE(d != nullptr);
  CHECK(d->message == "unknown field 'amout' in event type 'Payment'; did you mean 'amount'?");
  CHECK(r->Text(d->range) == "amout");
  REQUIRE(d->notes.size() == 1);
  CHECK(d->notes[0].message == "'Payment' declared here");
  CHECK(r->Where(d->notes[0].range) == "2:7");
}

TEST_CASE("unknown field through a variable, and on a non-event") {
  auto r = CheckForTestingOnly(R"(event Login { user: string, n: int }
rule R {
  pattern a: Login -> b: Login[user == a.usr or n.x == 1]
  within 1m
  emit X { u = a.user }
}
)");
  CHECK(r->Kinds() == "unknown-field@3:42 type-mismatch@3:49");
  CHECK(r->First("unknown-field")->message ==
        "unknown field 'usr' in event type 'Login'; did you mean 'user'?");
  CHECK(r->First("type-mismatch")->message == "'n' is int, not an event; it has no field 'x'");
}

TEST_CASE("unknown event types, with did-you-mean") {
  auto r = CheckForTestingOnly(R"(event Login { user: string, ip: strng }
rule R {
  pattern a: Logni -> b: Login
  within 1m
  emit X { u = b.user }
}
rule F { from Nothing emit Y { a = 1 } }
)");
  CHECK(r->Kinds() == "unknown-type@1:33 unknown-type@3:14 unknown-type@7:15");
  CHECK(r->Messages() ==
        "unknown field type 'strng'; did you mean 'string'?\n"
        "unknown event type 'Logni'; did you mean 'Login'?\n"
        "unknown event type 'Nothing'\n");
}

TEST_CASE("declarations of a file that is not imported are not visible") {
  auto r = CheckFilesForTestingOnly(
      {{"main.cep", R"(rule R {
  pattern o: Order[amount > LIMIT]
  emit X { id = o.id }
}
)"},
       {"lib/orders.cep", "event Order { id: string, amount: float }\nconst LIMIT = 10\n"}},
      {{}, {}});
  CHECK(r->Kinds() == "unknown-type@2:14");
  const Diagnostic* d = r->First("unknown-type");
  CHECK(d->message ==
        "unknown event type 'Order'; it is declared in 'lib/orders.cep', which this file does "
        "not import");
  REQUIRE(d->notes.size() == 1);
  CHECK(d->notes[0].message == "'Order' declared here");
  CHECK(d->notes[0].range.file == 1);

  // With the import the type resolves, but a constant of a third file does not.
  auto r2 = CheckFilesForTestingOnly(
      {{"main.cep", R"(rule R {
  pattern o: Order[amount > LIMIT]
  emit X { id = o.id }
}
)"},
       {"orders.cep", "event Order { id: string, amount: float }\n"},
       {"limits.cep", "const LIMIT = 10\n"}},
      {{1}, {}, {}});
  CHECK(r2->Kinds() == "unknown-name@2:29");
  CHECK(r2->First("unknown-name")->message ==
        "unknown name 'LIMIT'; constant 'LIMIT' is declared in 'limits.cep', which this file "
        "does not import");
}

TEST_CASE("derived event types follow the imports of the rule that emits them") {
  auto r = CheckFilesForTestingOnly(
      {{"main.cep", R"(rule Reader {
  pattern a: Alert
  emit Y { n = a.n }
}
)"},
       {"producer.cep", R"(event E { n: int }
rule Producer { from E emit Alert { n = n } }
)"}},
      {{}, {}});
  CHECK(r->Kinds() == "unknown-type@2:14");
  CHECK(r->First("unknown-type")->message ==
        "unknown event type 'Alert'; it is emitted by a rule in 'producer.cep', which this "
        "file does not import");
}

TEST_CASE("unknown names in outputs and filters") {
  auto r = CheckForTestingOnly(R"(event Login { user: string, ip: string }
const LIMIT = 3
rule R {
  pattern a: Login -> b: Login[ip != LIMT]
  within 1m
  emit X { u = user, v = b.ip, w = Login.user, z = LIMTI }
}
)");
  CHECK(r->Kinds() ==
        "unknown-field@4:38 unknown-name@6:16 unknown-name@6:36 unknown-name@6:52");
  CHECK(r->Messages() ==
        "unknown field 'LIMT' in event type 'Login'; did you mean 'LIMIT'?\n"
        "  note@1:7: 'Login' declared here\n"
        "unknown name 'user'; to read the field of a matched event, qualify it with its "
        "variable, e.g. 'a.user'\n"
        "'Login' is an event type, not a value; bind it to a variable (l: Login) and read its "
        "fields (l.field)\n"
        "unknown name 'LIMTI'; did you mean 'LIMIT'?\n");
}

TEST_CASE("unknown functions, with did-you-mean") {
  auto r = CheckForTestingOnly(R"(event E { s: string, n: int }
rule R { from E[lenght(s) > 2 and frobnicate(n)] emit X { a = uper(s) } }
)");
  CHECK(r->Kinds() == "unknown-function@2:17 unknown-function@2:35 unknown-function@2:63");
  CHECK(r->Messages() ==
        "unknown function 'lenght'; did you mean 'length'?\n"
        "unknown function 'frobnicate'\n"
        "unknown function 'uper'; did you mean 'upper'?\n");
}

TEST_CASE("variables bound later, in a sibling of all() or in another alternative") {
  auto r = CheckForTestingOnly(R"(event A { x: int }
rule Later {
  pattern a: A[x > b.x] -> b: A
  within 1m
  emit X { n = a.x }
}
rule Sibling {
  pattern s: A -> all(c: A[x > d.x], d: A)
  within 1m
  emit Y { n = s.x }
}
rule Branch {
  pattern s: A -> (e: A | f: A[x > e.x])
  within 1m
  emit Z { n = s.x }
}
rule Enclosing {
  pattern s: A -> g: (h: A -> i: A[x > g.x])
  within 1m
  emit W { n = s.x }
}
)");
  CHECK(r->Kinds() ==
        "unknown-variable@3:20 unknown-variable@8:32 unknown-variable@13:36 "
        "unknown-variable@18:40");
  CHECK(r->Messages() ==
        "variable 'b' is bound by a later step; a filter can only read variables bound before "
        "it\n"
        "  note@3:28: 'b' bound here\n"
        "variable 'd' is bound in another branch of the same all(...), which may match after "
        "this one\n"
        "  note@8:38: 'd' bound here\n"
        "variable 'e' is bound in another alternative of '|', so it is never bound when this "
        "step matches\n"
        "  note@13:20: 'e' bound here\n"
        "variable 'g' names a group that contains this step; it is bound only when the whole "
        "group has matched\n"
        "  note@18:19: 'g' bound here\n");
}

TEST_CASE("duplicate declarations across the program") {
  auto r = CheckFilesForTestingOnly(
      {{"main.cep", R"(event Login { user: string }
event Login { name: string }
const N = 1
const N = 2
rule R { from Login emit X { u = user } }
rule R { from Login emit Y { u = user } }
rule Shared { from Login emit Z { u = user } }
)"},
       {"other.cep", R"(event Login { id: int }
rule Shared { from Login emit W { u = id } }
)"}},
      {{1}, {}});
  CHECK(r->Kinds() ==
        "duplicate-type@2:7 duplicate-const@4:7 duplicate-rule@6:6 duplicate-type@1:7 "
        "duplicate-rule@2:6");
  CHECK(r->Messages() ==
        "event type 'Login' is already declared\n"
        "  note@1:7: previous declaration here\n"
        "constant 'N' is already declared\n"
        "  note@3:7: previous declaration here\n"
        "rule 'R' is already declared\n"
        "  note@5:6: previous declaration here\n"
        "event type 'Login' is already declared in 'main.cep'\n"
        "  note@1:7: previous declaration here\n"
        "rule 'Shared' is already declared in 'main.cep'\n"
        "  note@7:6: previous declaration here\n");
}

TEST_CASE("duplicate fields, and the built-in time field") {
  auto r = CheckForTestingOnly(R"(event E { a: int, b: string, a: float, time: timestamp }
rule R { from E emit X { t = time, a = a } }
)");
  CHECK(r->Kinds() == "duplicate-field@1:30 duplicate-field@1:40");
  CHECK(r->Messages() ==
        "field 'a' is already declared in 'E'\n"
        "  note@1:11: previous declaration here\n"
        "field 'time' is built into every event type\n"
        "  note@?: 'time' is the event time (a timestamp); rename this field, e.g. "
        "'occurred_at'\n");
  // The first declaration wins: `a` is an int.
  CHECK(r->checked.schema.Find("E")->FindField("a")->type == Type::Of(TypeKind::kInt));
}

TEST_CASE("duplicate variables; one name in two alternatives needs one event type") {
  auto r = CheckForTestingOnly(R"(event A { x: int }
event B { x: int }
rule Twice {
  pattern a: A -> a: A
  within 1m
  emit X { n = a.x }
}
rule Alternatives {
  pattern s: A -> (v: A | v: B)
  within 1m
  emit Y { n = s.x }
}
rule SameType {
  pattern s: A -> (v: A[x > 1] | v: A[x < -1])
  within 1m
  emit Z { n = s.x, m = v.x }
}
)");
  CHECK(r->Kinds() == "duplicate-variable@4:19 duplicate-variable@9:27");
  CHECK(r->Messages() ==
        "variable 'a' is already bound in this pattern\n"
        "  note@4:11: previous binding here\n"
        "variable 'v' is bound to 'B' here but to 'A' in another alternative; an alternative "
        "may reuse a name only for the same event type\n"
        "  note@9:20: previous binding here\n");
  ast::Rule* same = r->FindRule("SameType");
  REQUIRE(same->variables.size() == 2);
  // v may come from either branch: both atoms share variable 1, and v.x may be read.
  CHECK(r->EmitValue("SameType", "m")->args[0]->decl_index == 1);
}

}  // namespace
}  // namespace cep::check
