// Correlation index: turns equality correlations with the first event of a
// match into an implicit `partition by`, so an event is tested only against
// the partial matches of its own key (a hash lookup), not against every run.
//
// `o: Order -> p: Payment[order_id == o.id] -> s: Shipment[order_id == o.id]`
// runs as if written with `partition by Order.id, Payment.order_id,
// Shipment.order_id`. That is exact — same matches, same order — only when
// partitioning cannot change what a run sees, so the rule must:
//   - have no `partition by` of its own;
//   - start every match with one single atom `r` (the root) whose key field
//     is declared non-optional;
//   - correlate every other atom, negation and `until` guard to `r` with a
//     top-level conjunct `f == r.g` of one kind (not float), one field per
//     event type (for r's own type: g itself);
//   - use only relaxed (`->`) and any (`->>`) contiguity: a strict waiter
//     dies at any event, so it would see fewer events when partitioned;
//   - use `after match no skip`: the other strategies cut runs across keys;
//   - have no `on timeout emit`.
// The equality checks stay in place; the partition is a necessary condition
// (equal values of one kind encode to equal keys, runtime/key_codec.h).
// Checked against the reference matcher, which never partitions implicitly,
// by tests/differential (correlated cases) and tests/unit/nfa_infer_partition_test.cc.
#ifndef CEP_COMPILER_NFA_INFER_PARTITION_H_
#define CEP_COMPILER_NFA_INFER_PARTITION_H_

#include <cstdint>
#include <vector>

#include "compiler/ir/pattern_ir.h"

namespace cep::nfa {

// On success fills `slots` (per event type id: the key field slot of that
// type, empty for types the rule does not read) and returns true.
bool InferCorrelationPartition(const ir::RuleIR& rule, size_t ntypes,
                               std::vector<std::vector<int32_t>>* slots);

}  // namespace cep::nfa

#endif  // CEP_COMPILER_NFA_INFER_PARTITION_H_
