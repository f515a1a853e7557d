// The match DAG: every event a partial match has taken is stored once, as a
// node pointing at the node taken before it. Partial matches that share a
// history share its nodes (Flink's shared buffer, without string keys or
// version numbers), so a Kleene capture is never copied per run. Nodes are
// reference counted by the waiters and child nodes that point at them; the
// last release frees a node and, iteratively, the chain behind it.
//
// Each node also carries two fixed-size arrays, laid out per rule: the last
// event bound to each of the first `num_var_slots` variables (correlation
// reads `o.id` in O(1) instead of walking the chain; the matcher keeps slots
// only up to the last variable a check reads, none for most long patterns)
// and the running aggregate states of the match. The binding hash that run
// merging needs is kept only when asked for. A node itself is 24 bytes.
// Node ids are 32-bit; id 0 means "no node". Freed ids are reused, so in
// steady state no node costs an allocation. Tested by matcher_state_test.cc.
#ifndef CEP_RUNTIME_MATCH_DAG_H_
#define CEP_RUNTIME_MATCH_DAG_H_

#include <cstdint>
#include <vector>

#include "runtime/agg_state.h"
#include "runtime/event.h"

namespace cep::rt {

class MatchDag {
 public:
  // `num_var_slots`: variables 0 .. num_var_slots-1 get a slot in vars();
  // `hashes`: keep hash() (for run merging and report dedupe).
  MatchDag(EventStore* store, uint32_t num_var_slots, uint32_t num_aggs, bool hashes = true);
  MatchDag(const MatchDag&) = delete;
  MatchDag& operator=(const MatchDag&) = delete;
  ~MatchDag();

  // A node for `event` bound to `var` after `parent` (0: first of the match),
  // with refs == 1. Copies the parent's variable table and aggregate states;
  // the caller then updates the aggregates of `var` (mutable_aggs).
  uint32_t New(Event* event, int32_t var, uint32_t parent);
  void Retain(uint32_t id) { nodes_[id].refs++; }
  void Release(uint32_t id);

  Event* event(uint32_t id) const { return nodes_[id].event; }
  int32_t var(uint32_t id) const { return nodes_[id].var; }
  uint32_t parent(uint32_t id) const { return nodes_[id].parent; }
  uint32_t length(uint32_t id) const { return nodes_[id].length; }
  // A hash of the match's bindings ((variable, event) pairs) up to here
  // (only with `hashes`).
  uint64_t hash(uint32_t id) const { return hashes_[id]; }
  // Whether two nodes end identical bindings (the same events bound to the
  // same variables), however they were reached.
  bool SameBindings(uint32_t a, uint32_t b) const;
  // The match ending at this node was completed (accepted, or its absence
  // held): it is a match, never a timed-out partial match.
  void MarkComplete(uint32_t id) { nodes_[id].complete = true; }
  bool complete(uint32_t id) const { return nodes_[id].complete; }
  // Last event bound to each variable, as of this node (null when unbound).
  // Only the first num_var_slots() variables have a slot.
  const Event* const* vars(uint32_t id) const { return var_table_.data() + size_t{id} * num_vars_; }
  uint32_t num_var_slots() const { return num_vars_; }
  bool keeps_hashes() const { return keep_hashes_; }
  // Bytes a live node takes: the node, its slots, aggregates and hash.
  size_t bytes_per_node() const {
    return sizeof(Node) + num_vars_ * sizeof(const Event*) + num_aggs_ * sizeof(AggState) +
           (keep_hashes_ ? sizeof(uint64_t) : 0);
  }
  const AggState* aggs(uint32_t id) const { return agg_table_.data() + size_t{id} * num_aggs_; }
  AggState* mutable_aggs(uint32_t id) { return agg_table_.data() + size_t{id} * num_aggs_; }

  size_t live_nodes() const { return live_; }

 private:
  struct Node {
    Event* event = nullptr;
    uint32_t parent = 0;
    uint32_t refs = 0;
    int32_t var = -1;
    uint32_t length : 31 = 0;  // events in the match up to and including this one
    uint32_t complete : 1 = 0;
  };
  static_assert(sizeof(Node) == 24);
  EventStore* store_;
  uint32_t num_vars_;
  uint32_t num_aggs_;
  bool keep_hashes_;
  std::vector<Node> nodes_;             // index 0 unused
  std::vector<uint64_t> hashes_;        // per node, with keep_hashes_
  std::vector<const Event*> var_table_; // num_vars_ per node
  std::vector<AggState> agg_table_;     // num_aggs_ per node
  std::vector<uint32_t> free_;
  size_t live_ = 0;
};

}  // namespace cep::rt

#endif  // CEP_RUNTIME_MATCH_DAG_H_
