// Checker tests for `from` rules: the filter, the `as` alias, windows,
// `group by` keys, `having`, and fields that are neither grouped nor
// aggregated.
#include <doctest/doctest.h>

#include "compiler/check/check_testing.h"

namespace cep::check {
namespace {

using testing::CheckForTestingOnly;

constexpr const char* kTypes =
    "event Req { service: string, status: int, latency: float, region: string? }\n";

std::unique_ptr<testing::CheckedForTesting> Rule(std::string clauses) {
  return CheckForTestingOnly(std::string(kTypes) + "rule R {\n" + clauses + "\n}\n");
}

TEST_CASE("a from rule without window: per-event filter and output") {
  auto r = Rule(R"(  from Req[status >= 500 and service != "x"] as q
  emit Err { s = service, code = q.status, slow = latency > 1.5 })");
  CHECK(r->Kinds() == "");
  ast::Expr* s = r->EmitValue("R", "s");
  CHECK(s->ref == ast::NameRef::kField);
  CHECK(s->slot == 1);
  ast::Expr* code = r->EmitValue("R", "code");
  CHECK(code->args[0]->ref == ast::NameRef::kVariable);
  CHECK(code->type == Type::Of(TypeKind::kInt));
  CHECK(r->FindRule("R")->from->event_type == 0);
}

TEST_CASE("windowed outputs: keys bare, everything else aggregated") {
  auto r = Rule(R"(  from Req
  window tumbling 1m
  group by service
  having count() > 10 and status > 3
  emit Spike { service = service, n = count(), region = region, worst = max(latency) })");
  CHECK(r->Kinds() == "ungrouped-field@6:27 ungrouped-field@7:57");
  CHECK(r->First("ungrouped-field")->message ==
        "field 'status' is neither a 'group by' key nor inside an aggregate; add it to 'group "
        "by' or aggregate it, e.g. last(status)");
}

TEST_CASE("the alias in a window ranges over the window's events") {
  auto r = Rule(R"(  from Req as q
  window sliding 10m every 1m
  group by q.service
  having avg(q.latency) > 2.0 and q.status > 1
  emit Spike { service = service, n = count(q), last_region = last(q).region })");
  CHECK(r->Kinds() == "type-mismatch@6:35");
  CHECK(r->First("type-mismatch")->message ==
        "'q.status' holds one value per event of the window; aggregate it, e.g. count() or "
        "last(q.status)");
  CHECK(r->checked.schema.Find("Spike")->FindField("last_region")->optional);
}

TEST_CASE("window sizes must be constant positive durations or counts") {
  auto r = Rule(R"(  from Req
  window sliding 0s every -1m
  emit A { n = count() })");
  CHECK(r->Kinds() == "invalid-duration-value@4:18 invalid-duration-value@4:27");
  CHECK(r->Messages() ==
        "the window size must be positive, but it is 0s\n"
        "the window slide ('every') must be positive, but it is -1m\n");
  auto session = Rule(R"(  from Req
  window session gap 5
  emit A { n = count() })");
  CHECK(session->Kinds() == "invalid-duration-value@4:22");
  CHECK(session->First("invalid-duration-value")->message ==
        "the session gap must be a duration such as 10m, but it is int; write a unit, e.g. 5s "
        "or 5m");
  auto count = Rule(R"(  from Req
  window count 10m every 0
  emit A { n = count() })");
  CHECK(count->Kinds() == "invalid-duration-value@4:16 invalid-duration-value@4:26");
  CHECK(count->Messages() ==
        "the count window size must be a number of events, but it is duration\n"
        "the count window step must be positive, but it is 0\n");
  auto field = Rule(R"(  from Req
  window tumbling latency
  emit A { n = count() })");
  CHECK(field->Kinds() == "unknown-name@4:19");
}

TEST_CASE("group by keys are fields") {
  auto r = Rule(R"(  from Req
  window tumbling 1m
  group by lower(service), nope
  emit A { n = count() })");
  CHECK(r->Kinds() == "invalid-partition-key@5:12 unknown-field@5:28");
  CHECK(r->First("invalid-partition-key")->message ==
        "a 'group by' key must be a field of 'Req', e.g. 'service'");
}

TEST_CASE("several group keys; optional keys may be null") {
  auto r = Rule(R"(  from Req
  window tumbling 1m
  group by service, region
  emit A { s = service, r = region, n = count(), p = percentile(latency, 99) })");
  CHECK(r->Kinds() == "");
  CHECK(r->EmitValue("R", "r")->decl_index == 1);
  const EventTypeInfo* a = r->checked.schema.Find("A");
  CHECK(a->FindField("r")->optional);
  CHECK(!a->FindField("s")->optional);
}

}  // namespace
}  // namespace cep::check
