// Checker tests for outputs: emits of declared event types, derived event
// types and their agreement across rules, rules that feed each other, the
// order rules are checked in, `on timeout emit` and `suppress`.
#include <doctest/doctest.h>

#include "compiler/check/check_testing.h"

namespace cep::check {
namespace {

using testing::CheckForTestingOnly;

constexpr const char* kTypes =
    "event Login { user: string, ip: string, country: string? }\n"
    "event Alert { user: string, score: float, note: string? }\n";

TEST_CASE("emitting a declared event type") {
  auto r = CheckForTestingOnly(std::string(kTypes) + R"(rule R {
  from Login
  emit Alert { user = user, score = 1, score = 2.0, nte = "x", time = time }
}
rule Missing { from Login emit Alert { note = ip } }
rule Types {
  from Login
  emit Alert { user = 5, score = "high", note = null }
}
rule Nulls {
  from Login
  emit Alert { user = country, score = null, note = country }
}
)");
  CHECK(r->Kinds() ==
        "duplicate-field@5:40 unknown-field@5:53 duplicate-field@5:64 missing-field@7:32 "
        "type-mismatch@10:23 type-mismatch@10:34 optional-field-use@14:23 "
        "type-mismatch@14:40");
  CHECK(r->Messages() ==
        "field 'score' is assigned twice\n"
        "  note@5:29: first assigned here\n"
        "unknown field 'nte' in event type 'Alert'; did you mean 'note'?\n"
        "  note@2:7: 'Alert' declared here\n"
        "field 'time' is built in: an emitted event takes the time of the event that "
        "completed the match (or the end of the window)\n"
        "emit of 'Alert' does not set the required fields 'user', 'score'\n"
        "  note@2:7: 'Alert' declared here\n"
        "field 'user' of 'Alert' is string, but '5' is int\n"
        "  note@2:15: 'Alert.user' declared here\n"
        "field 'score' of 'Alert' is float, but '\"high\"' is string\n"
        "  note@2:29: 'Alert.score' declared here\n"
        "'country' may be null, but field 'user' of 'Alert' is required; give a default, e.g. "
        "coalesce(country, ...)\n"
        "  note@2:15: 'Alert.user' declared here\n"
        "field 'score' of 'Alert' is required and cannot be null\n"
        "  note@2:29: 'Alert.score' declared here\n");
  // int widens to float.
  CHECK(r->FindCheckedRule("R")->emit_type == 1);
}

TEST_CASE("a field value is a single value, not an event") {
  auto r = CheckForTestingOnly(std::string(kTypes) + R"(rule R {
  pattern a: Login -> b: Login[ip != a.ip]
  within 1m
  emit Out { who = a, ip = b.ip }
}
)");
  CHECK(r->Kinds() == "type-mismatch@6:20");
  CHECK(r->First("type-mismatch")->message ==
        "a field holds a single value, but 'a' is event 'Login'; emit one of its fields, e.g. "
        "'a.time'");
}

TEST_CASE("derived types: fields from the emit, agreement across rules") {
  auto r = CheckForTestingOnly(std::string(kTypes) + R"(rule A { from Login emit Seen { user = user, n = 1, c = country } }
rule B { from Login emit Seen { user = user, n = 2.5, c = "x" } }
rule C { from Login emit Seen { user = 1, n = 2, extra = ip } }
rule D { from Alert emit Seen { user = user, c = note } }
rule Nul { from Login emit Other { x = null } }
)");
  CHECK(r->Kinds() ==
        "type-mismatch@5:26 type-mismatch@5:40 type-mismatch@5:50 type-mismatch@6:26 "
        "type-mismatch@7:40");
  CHECK(r->Messages() ==
        "this emit of 'Seen' lacks the field 'c' that rule 'A' emits; every rule emitting an "
        "undeclared event type must emit the same fields\n"
        "  note@3:26: 'Seen' first emitted here, by rule 'A'\n"
        "field 'user' of 'Seen' is int here but string in rule 'A'\n"
        "  note@3:26: 'Seen' first emitted here, by rule 'A'\n"
        "'Seen' has no field 'extra' where rule 'A' emits it; every rule emitting an "
        "undeclared event type must emit the same fields\n"
        "  note@3:26: 'Seen' first emitted here, by rule 'A'\n"
        "this emit of 'Seen' lacks the field 'n' that rule 'A' emits; every rule emitting an "
        "undeclared event type must emit the same fields\n"
        "  note@3:26: 'Seen' first emitted here, by rule 'A'\n"
        "the type of field 'x' cannot be inferred from null; declare event type 'Other' or "
        "emit a typed value\n");
  const EventTypeInfo* seen = r->checked.schema.Find("Seen");
  REQUIRE(seen != nullptr);
  CHECK(seen->derived);
  CHECK(seen->emitted_by == 0);
  CHECK(seen->FindField("n")->type == Type::Of(TypeKind::kFloat));  // int and float widen
  CHECK(seen->FindField("c")->optional);
  CHECK(seen->FindField("n")->slot == 2);
}

TEST_CASE("derived events feed other rules, which are checked after their emitters") {
  auto r = CheckForTestingOnly(std::string(kTypes) + R"(rule Escalate {
  pattern s: Suspicious{3,}
  partition by user
  within 1d
  emit Escalation { user = user, total = sum(s.attempts) }
}
rule Detect {
  pattern f: Login{5} -> ok: Login[ip != last(f).ip]
  partition by user
  within 10m
  emit Suspicious { user = ok.user, attempts = count(f) }
}
)");
  CHECK(r->Kinds() == "");
  CHECK(r->checked.rule_order == std::vector<uint32_t>{1, 0});
  CHECK(r->checked.schema.Find("Escalation")->FindField("total")->type ==
        Type::Of(TypeKind::kInt));
  CHECK(r->FindCheckedRule("Escalate")->input_types ==
        std::vector<EventTypeId>{r->checked.schema.Find("Suspicious")->id});
}

TEST_CASE("rules that feed each other") {
  auto r = CheckForTestingOnly(std::string(kTypes) + R"(rule R1 {
  pattern a: Hop
  within 1m
  emit Step { v = a.v }
}
rule R2 {
  pattern b: Step
  within 1m
  emit Hop { v = b.v }
}
rule Self { from Echo emit Echo { v = 1 } }
rule Fine { from Login emit Ok { v = 1 } }
)");
  CHECK(r->Kinds() == "rule-cycle@3:6 rule-cycle@13:6");
  const Diagnostic* d = r->First("rule-cycle");
  CHECK(d->message ==
        "rules feed each other in a cycle: 'R1' emits 'Step', which 'R2' reads; 'R2' emits "
        "'Hop', which 'R1' reads");
  REQUIRE(d->notes.size() == 3);
  CHECK(r->Where(d->notes[0].range) == "6:8");
  CHECK(d->notes[0].message == "'R1' emits 'Step' here");
  CHECK(r->Where(d->notes[1].range) == "11:8");
  CHECK(r->diags.Sorted()[1]->message ==
        "rule 'Self' reads the events it emits: 'Self' emits 'Echo', which 'Self' reads");
  CHECK(r->FindCheckedRule("R1")->has_errors);
  CHECK(!r->FindCheckedRule("Fine")->has_errors);
}

TEST_CASE("on timeout emit and suppress") {
  auto r = CheckForTestingOnly(std::string(kTypes) + R"(rule R {
  pattern a: Login -> b: Login[ip != a.ip]+ -> c: Login
  partition by user
  within 10m
  on timeout emit Timeout { user = a.user, first_ip = first(b).ip, c_ip = c.ip, n = count(b) }
  emit Done { user = user }
  suppress by user, a.ip for 1h
}
rule Bad {
  from Login
  emit Out { u = user }
  suppress by nope for 0s
}
)");
  CHECK(r->Kinds() == "unknown-field@14:15 invalid-duration-value@14:24");
  const EventTypeInfo* t = r->checked.schema.Find("Timeout");
  CHECK(!t->FindField("user")->optional);    // a starts every match
  CHECK(t->FindField("first_ip")->optional);  // b may not have matched yet
  CHECK(t->FindField("c_ip")->optional);
  CHECK(!t->FindField("n")->optional);
  CHECK(r->FindCheckedRule("R")->suppress_ns == 3'600'000'000'000);
  CHECK(r->FindRule("R")->suppress->keys[0]->ref == ast::NameRef::kGroupKey);
}

}  // namespace
}  // namespace cep::check
