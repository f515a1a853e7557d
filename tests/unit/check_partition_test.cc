// Checker tests for `partition by`: shared keys, per-type keys, and the
// events of a pattern that lack a key or hold it with another type.
#include <doctest/doctest.h>

#include "compiler/check/check_testing.h"

namespace cep::check {
namespace {

using testing::CheckForTestingOnly;

constexpr const char* kTypes =
    "event Order { id: string, user: string, n: int }\n"
    "event Pay { order_id: string, user: string, n: string }\n"
    "event Ship { order_id: string, sku: int }\n";

std::unique_ptr<testing::CheckedForTesting> Rule(std::string pattern, std::string keys,
                                                 std::string emit = "v = 1") {
  return CheckForTestingOnly(std::string(kTypes) + "rule R {\n  pattern " + pattern +
                             "\n  partition by " + keys + "\n  within 1h\n  emit O { " + emit +
                             " }\n}\n");
}

TEST_CASE("a shared key must be in every event type of the pattern, with one type") {
  auto ok = Rule("_o: Order -> _p: Pay", "user", "u = user");
  CHECK(ok->Kinds() == "");
  const CheckedRule* cr = ok->FindCheckedRule("R");
  REQUIRE(cr->partition.size() == 2);
  CHECK(cr->partition[0].slots == std::vector<int32_t>{2});
  CHECK(cr->partition[1].slots == std::vector<int32_t>{2});
  CHECK(ok->EmitValue("R", "u")->ref == ast::NameRef::kGroupKey);

  auto missing = Rule("_o: Order -> _p: Pay -> !Ship", "user");
  CHECK(missing->Kinds() == "invalid-partition-key@6:16");
  const Diagnostic* d = missing->First("invalid-partition-key");
  CHECK(d->message ==
        "partition key 'user' is not a field of 'Ship', which the pattern reads; name the key "
        "per type, e.g. 'Ship.<field>'");
  REQUIRE(d->notes.size() == 1);
  CHECK(d->notes[0].message == "'Ship' declared here");
  CHECK(missing->Where(d->notes[0].range) == "3:7");

  auto types = Rule("_o: Order -> _p: Pay", "n");
  CHECK(types->Kinds() == "invalid-partition-key@6:16");
  CHECK(types->First("invalid-partition-key")->message ==
        "partition key 'n' is string in 'Pay' but key 'n' is int in 'Order'; events of one "
        "partition must have equal keys");
}

TEST_CASE("per-type keys") {
  auto ok = Rule("all(o: Order, _p: Pay, _s: Ship)", "Order.id, Pay.order_id, Ship.order_id",
                 "a = order_id, b = id, c = o.n");
  CHECK(ok->Kinds() == "");
  const CheckedRule* cr = ok->FindCheckedRule("R");
  REQUIRE(cr->partition.size() == 3);
  CHECK(cr->partition[0].slots == std::vector<int32_t>{1});
  CHECK(cr->partition[1].slots == std::vector<int32_t>{1});
  CHECK(cr->partition[2].slots == std::vector<int32_t>{1});
  CHECK(ok->EmitValue("R", "a")->decl_index == 0);
  CHECK(ok->EmitValue("R", "b")->decl_index == 0);

  auto short_keys = Rule("_o: Order -> _p: Pay -> _s: Ship", "Order.id, Pay.order_id");
  CHECK(short_keys->Kinds() == "invalid-partition-key@6:16");
  CHECK(short_keys->First("invalid-partition-key")->message ==
        "'Ship' has 0 partition keys but 'Order' has 1; every event type of the pattern needs "
        "one key per position, e.g. 'Ship.<field>'");

  auto mismatch = Rule("_o: Order -> _s: Ship", "Order.id, Ship.sku");
  CHECK(mismatch->Kinds() == "invalid-partition-key@6:26");

  auto mixed = Rule("_o: Order -> _p: Pay", "user, Order.id, Pay.order_id", "u = user");
  CHECK(mixed->Kinds() == "");
  CHECK(mixed->FindCheckedRule("R")->partition[0].slots == std::vector<int32_t>{2, 1});
}

TEST_CASE("per-type keys must name a type and a field of the pattern") {
  auto r = Rule("_o: Order -> _p: Pay", "Order.idd, Pay.order_id");
  CHECK(r->Kinds() == "unknown-field@6:22");
  CHECK(r->First("unknown-field")->message ==
        "unknown field 'idd' in event type 'Order'; did you mean 'id'?");
  auto other = Rule("_o: Order -> _p: Pay", "Order.id, Ship.order_id");
  CHECK(other->Kinds() == "invalid-partition-key@6:26");
  CHECK(other->First("invalid-partition-key")->message ==
        "'Ship' is not an event type of this rule's pattern");
  auto unknown = Rule("_o: Order -> _p: Pay", "Ordr.id");
  CHECK(unknown->Kinds() == "unknown-type@6:16");
}

}  // namespace
}  // namespace cep::check
