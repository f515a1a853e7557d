// The correlation index (compiler/nfa/infer_partition.h): which rules the
// NFA compiler partitions implicitly, and on which fields.
#include <doctest/doctest.h>

#include <string>

#include "compiler/driver/frontend.h"

namespace cep::nfa {
namespace {

constexpr char kTypes[] = R"(
event Order { id: string, amount: float }
event Payment { order_id: string, amount: float }
event Shipment { order_id: string, ref: string? }
event Note { id: string? }
)";

// The inferred slots of rule 0 per type name, "" when not indexed.
std::string Inferred(const std::string& rule) {
  SourceManager sources;
  DiagnosticEngine diags;
  auto r = driver::CompileText("t.cep", std::string(kTypes) + rule, sources, diags);
  REQUIRE(r->compiled_ok);
  const auto& slots = r->nfa.rules.at(0).inferred_partition;
  std::string out;
  for (size_t t = 0; t < slots.size(); ++t) {
    if (slots[t].empty()) continue;
    out += r->checked.schema.type(static_cast<EventTypeId>(t)).name + "." +
           r->checked.schema.type(static_cast<EventTypeId>(t)).fields[slots[t][0]].name + " ";
  }
  return out;
}

TEST_CASE("equality correlations with the first event become a partition") {
  CHECK(Inferred(R"(rule R {
  pattern o: Order -> p: Payment[order_id == o.id] ->> s: Shipment[o.id == order_id]{1,3}
  within 1h
  after match no skip
  emit Done {}
})") == "Order.id Payment.order_id Shipment.order_id ");
  // Negations and alternatives keyed the same way are fine.
  CHECK(Inferred(R"(rule R {
  pattern o: Order -> !Shipment[order_id == o.id] -> (Payment[order_id == o.id and amount > 1.0] | Shipment[order_id == o.id])
  within 1h
  after match no skip
  emit Done {}
})") == "Order.id Payment.order_id Shipment.order_id ");
}

TEST_CASE("no index where partitioning could change the matches") {
  const char* uncorrelated_step = R"(rule R {
  pattern o: Order -> p: Payment[order_id == o.id] -> s: Shipment
  within 1h
  after match no skip
  emit Done {}
})";
  const char* strict = R"(rule R {
  pattern o: Order ; p: Payment[order_id == o.id]
  within 1h
  after match no skip
  emit Done {}
})";
  const char* cuts = R"(rule R {
  pattern o: Order -> p: Payment[order_id == o.id]
  within 1h
  emit Done {}
})";
  const char* optional_root_key = R"(rule R {
  pattern n: Note -> p: Payment[order_id == n.id]
  within 1h
  after match no skip
  emit Done {}
})";
  const char* unkeyed_negation = R"(rule R {
  pattern o: Order -> !Shipment -> p: Payment[order_id == o.id]
  within 1h
  after match no skip
  emit Done {}
})";
  for (const char* rule : {uncorrelated_step, strict, cuts, optional_root_key, unkeyed_negation}) {
    CAPTURE(rule);
    CHECK(Inferred(rule).empty());
  }
}

}  // namespace
}  // namespace cep::nfa
